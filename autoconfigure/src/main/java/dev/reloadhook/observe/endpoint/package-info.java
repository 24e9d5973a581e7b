/**
 * The {@code reload} actuator endpoint.
 */
@NullMarked
package dev.reloadhook.observe.endpoint;

import org.jspecify.annotations.NullMarked;
