/**
 * Application events through which an application takes part in reloads: each is
 * published in the generation it concerns.
 */
@NullMarked
package dev.reloadhook.event;

import org.jspecify.annotations.NullMarked;
