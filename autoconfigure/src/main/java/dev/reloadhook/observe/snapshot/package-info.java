/**
 * Snapshots of the JVM before and after each reload and on demand: threads and the
 * generation each belongs to, heap, classes, live generations, retained resources and
 * in-flight requests, and the difference between two of them.
 */
@NullMarked
package dev.reloadhook.observe.snapshot;

import org.jspecify.annotations.NullMarked;
