/**
 * Detection of changes in class-output directories with a {@link java.nio.file.WatchService}, coalesced into change sets. No Spring dependency.
 */
@NullMarked
package dev.reloadhook.watch;

import org.jspecify.annotations.NullMarked;
