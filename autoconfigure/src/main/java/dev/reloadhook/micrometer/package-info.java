/**
 * Micrometer integration: keeps meter registries from pinning closed generations.
 */
@NullMarked
package dev.reloadhook.micrometer;

import org.jspecify.annotations.NullMarked;
