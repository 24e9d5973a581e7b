/**
 * Greetings: the place to try an edit.
 */
@NullMarked
package dev.reloadhook.demo.greeting;

import org.jspecify.annotations.NullMarked;
