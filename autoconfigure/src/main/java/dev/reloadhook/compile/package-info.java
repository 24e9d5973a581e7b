/**
 * Source mode: changed {@code .java} files are compiled in-process with
 * {@link javax.tools.JavaCompiler} into the class directory, and changed resources are
 * copied there, so that any editor is enough.
 */
@NullMarked
package dev.reloadhook.compile;

import org.jspecify.annotations.NullMarked;
