/**
 * The hot-swap tier: method bodies redefined in place with
 * {@link java.lang.instrument.Instrumentation#redefineClasses}.
 */
@NullMarked
package dev.reloadhook.reload.hotswap;

import org.jspecify.annotations.NullMarked;
