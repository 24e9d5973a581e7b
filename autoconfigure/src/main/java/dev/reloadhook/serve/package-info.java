/**
 * The seam between the reload pipeline and an embedded server that outlives generations:
 * each generation's {@link org.springframework.boot.web.server.WebServer} is its own
 * application deployed in one server per JVM, whichever server that is.
 */
@NullMarked
package dev.reloadhook.serve;

import org.jspecify.annotations.NullMarked;
