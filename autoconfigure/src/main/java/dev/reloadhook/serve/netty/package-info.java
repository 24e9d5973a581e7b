/**
 * One Reactor Netty server per JVM whose port stays bound across reloads: its handler
 * delegates each request to the serving generation's {@code HttpHandler}.
 */
@NullMarked
package dev.reloadhook.serve.netty;

import org.jspecify.annotations.NullMarked;
