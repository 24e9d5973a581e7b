package dev.reloadhook.demo.webflux.greeting;

/**
 * A greeting and how many were made since the service started.
 *
 * @param text the greeting
 * @param count its number
 * @author reload-hook
 */
record Greeting(String text, long count) {
}
