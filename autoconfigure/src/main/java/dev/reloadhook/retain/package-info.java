/**
 * Resources carried from one generation to the next while their configuration is
 * unchanged: Spring Boot's connection pool, beans marked {@link
 * dev.reloadhook.retain.RetainedAcrossReloads} (or DevTools' {@code @RestartScope}), and
 * anything handed to the public retention SPI ({@link dev.reloadhook.retain.RetainedResources},
 * {@link dev.reloadhook.retain.RetentionStrategy}).
 */
@NullMarked
package dev.reloadhook.retain;

import org.jspecify.annotations.NullMarked;
