/**
 * What the servlet servers (Tomcat, Jetty) add to every generation's servlet context.
 */
@NullMarked
package dev.reloadhook.serve.servlet;

import org.jspecify.annotations.NullMarked;
