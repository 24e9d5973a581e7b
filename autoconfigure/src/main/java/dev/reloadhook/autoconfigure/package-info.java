/**
 * Auto-configuration of reload-hook inside each generation's application context.
 */
@NullMarked
package dev.reloadhook.autoconfigure;

import org.jspecify.annotations.NullMarked;
