/**
 * The demo service.
 */
@NullMarked
package dev.reloadhook.demo;

import org.jspecify.annotations.NullMarked;
