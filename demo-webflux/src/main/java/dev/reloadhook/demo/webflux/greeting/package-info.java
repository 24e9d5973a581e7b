/**
 * Greetings, served reactively.
 */
@NullMarked
package dev.reloadhook.demo.webflux.greeting;

import org.jspecify.annotations.NullMarked;
