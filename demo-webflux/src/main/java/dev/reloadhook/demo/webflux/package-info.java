/**
 * The WebFlux demo service.
 */
@NullMarked
package dev.reloadhook.demo.webflux;

import org.jspecify.annotations.NullMarked;
