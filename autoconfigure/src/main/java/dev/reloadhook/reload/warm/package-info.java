/**
 * What a generation derives from the libraries alone, kept for the generations after it:
 * the parsed metadata of library classes and the names of the classes the libraries do
 * not have. Nothing here refers to a generation's classes or class loader, so it never
 * keeps a closed generation alive.
 */
@NullMarked
package dev.reloadhook.reload.warm;

import org.jspecify.annotations.NullMarked;
