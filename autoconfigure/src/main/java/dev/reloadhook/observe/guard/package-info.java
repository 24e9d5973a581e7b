/**
 * Who may use reload-hook's endpoint: the loopback rule and the cross-site check, decided
 * once for servlet and reactive applications.
 */
@NullMarked
package dev.reloadhook.observe.guard;

import org.jspecify.annotations.NullMarked;
