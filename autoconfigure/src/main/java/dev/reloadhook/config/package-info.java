/**
 * Configuration properties of reload-hook ({@code reload-hook.*}), read before any
 * application context exists and again by each generation.
 */
@NullMarked
package dev.reloadhook.config;

import org.jspecify.annotations.NullMarked;
