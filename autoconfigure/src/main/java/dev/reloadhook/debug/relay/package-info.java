/**
 * The debug relay, a process of its own between a debugger and the application's JDWP
 * agent: forwards JDWP packets, keeps breakpoints armed on every new version of their
 * classes and redefines classes for hot swap. JDK only, no Spring.
 */
@NullMarked
package dev.reloadhook.debug.relay;

import org.jspecify.annotations.NullMarked;
