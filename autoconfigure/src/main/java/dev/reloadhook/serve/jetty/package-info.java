/**
 * One Jetty server per JVM whose port stays bound across reloads: its handler hands each
 * request to the serving generation's web application context.
 */
@NullMarked
package dev.reloadhook.serve.jetty;

import org.jspecify.annotations.NullMarked;
