/**
 * Leak detection: a closed generation still reachable after a few garbage collections is
 * a leak suspect, reported with the holders that likely keep it (threads, JDBC drivers,
 * shutdown hooks, thread locals, MBeans, timers, static fields) and a hint of the fix.
 */
@NullMarked
package dev.reloadhook.observe.leak;

import org.jspecify.annotations.NullMarked;
