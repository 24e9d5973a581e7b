/**
 * Spring Boot integration that must run before any application context exists: application listener, environment defaults and failure reporting.
 */
@NullMarked
package dev.reloadhook.boot;

import org.jspecify.annotations.NullMarked;
