/**
 * HTTP sessions carried from one generation to the next: attribute values re-created
 * through the new generation's class loader. Server-neutral; each server moves its own
 * session objects.
 */
@NullMarked
package dev.reloadhook.retain.session;

import org.jspecify.annotations.NullMarked;
