/**
 * The control protocol between the application and its debug relay process, one set of
 * types used by both sides: what the relay reports ({@link FromRelay}) and what the
 * application asks of it ({@link ToRelay}), one line of text each. JDK only, no Spring: it
 * runs in the relay's own process too.
 */
@NullMarked
package dev.reloadhook.debug.control;

import org.jspecify.annotations.NullMarked;
