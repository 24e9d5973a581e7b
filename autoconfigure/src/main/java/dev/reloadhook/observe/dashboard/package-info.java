/**
 * The dashboard page: the reload timeline, generations and leak suspects, read from the
 * {@code reload} actuator endpoint by the browser.
 */
@NullMarked
package dev.reloadhook.observe.dashboard;

import org.jspecify.annotations.NullMarked;
