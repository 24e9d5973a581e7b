/**
 * The {@code reload} actuator endpoint.
 */
@NullMarked
package dev.reloadhook.endpoint;

import org.jspecify.annotations.NullMarked;
