/**
 * The reload coordinator: one reload at a time, generations, phase timings and history.
 */
@NullMarked
package dev.reloadhook.reload;

import org.jspecify.annotations.NullMarked;
