/**
 * The JDWP wire format, apart from what the debug relay does with it: packets, their data
 * (numbers, identifiers of the sizes the virtual machine announced, strings, locations),
 * the connection of one side, composite events and breakpoint requests. JDK only, no
 * Spring: it runs in the relay's own process.
 */
@NullMarked
package dev.reloadhook.debug.jdwp;

import org.jspecify.annotations.NullMarked;
