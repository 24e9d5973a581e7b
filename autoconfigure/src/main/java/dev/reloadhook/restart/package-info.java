/**
 * Restart class loading: one class loader per generation over the application's class directories, and launching the application's main method in it.
 */
@NullMarked
package dev.reloadhook.restart;

import org.jspecify.annotations.NullMarked;
