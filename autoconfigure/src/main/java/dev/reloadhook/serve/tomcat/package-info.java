/**
 * An embedded Tomcat created once per JVM whose port stays bound across reloads: each
 * generation gets its own versioned context (Tomcat parallel deployment).
 */
@NullMarked
package dev.reloadhook.serve.tomcat;

import org.jspecify.annotations.NullMarked;
