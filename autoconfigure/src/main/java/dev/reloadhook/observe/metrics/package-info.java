/**
 * Micrometer meters of reload-hook: reload counts and timings per tier, live and closed
 * generations.
 */
@NullMarked
package dev.reloadhook.observe.metrics;

import org.jspecify.annotations.NullMarked;
