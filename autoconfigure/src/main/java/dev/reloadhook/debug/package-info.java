/**
 * Debugging across reloads, the application's side: decides whether to start the debug
 * relay, starts it as a process of its own and talks to it.
 */
@NullMarked
package dev.reloadhook.debug;

import org.jspecify.annotations.NullMarked;
