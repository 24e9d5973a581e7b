/**
 * Finds, in a heap dump, the path from a GC root to a closed generation's class loader.
 * Runs in a short-lived process of its own, with the heap dump reader on its class path.
 */
@NullMarked
package dev.reloadhook.observe.leak.chain;

import org.jspecify.annotations.NullMarked;
