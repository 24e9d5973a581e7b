/**
 * Classification of a change set by comparing old and new class bytes: nothing changed,
 * only method bodies changed (hot swap), or the structure changed (restart).
 */
@NullMarked
package dev.reloadhook.classify;

import org.jspecify.annotations.NullMarked;
