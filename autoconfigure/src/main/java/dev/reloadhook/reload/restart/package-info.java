/**
 * The restart tier: generations, each one a restart class loader over the application's
 * class directories with the application's main method launched in it, started beside
 * the serving one and closed when replaced.
 */
@NullMarked
package dev.reloadhook.reload.restart;

import org.jspecify.annotations.NullMarked;
