/**
 * Reading class files, in one place for every stage: a class's shape (what a hot swap
 * may not change) and the classes, members and constants it refers to.
 */
@NullMarked
package dev.reloadhook.bytecode;

import org.jspecify.annotations.NullMarked;
