/**
 * Classification of a change set by comparing old and new class bytes, and other files'
 * digests: nothing changed, only method bodies changed (hot swap), or the structure or
 * another file changed (restart).
 */
@NullMarked
package dev.reloadhook.classify;

import org.jspecify.annotations.NullMarked;
