package dev.reloadhook.demo.greeting;

/**
 * A greeting.
 *
 * @param message the text
 * @param number how many greetings this generation has made
 * @author reload-hook
 */
record Greeting(String message, long number) {
}
