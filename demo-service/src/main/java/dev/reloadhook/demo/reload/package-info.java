/**
 * Taking part in reloads through reload-hook's application events.
 */
@NullMarked
package dev.reloadhook.demo.reload;

import org.jspecify.annotations.NullMarked;
