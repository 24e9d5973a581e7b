/**
 * Resources carried from one generation to the next while their configuration is
 * unchanged: connection pools first.
 */
@NullMarked
package dev.reloadhook.retain;

import org.jspecify.annotations.NullMarked;
