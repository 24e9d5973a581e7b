package dev.reloadhook.observe.endpoint;

/**
 * What likely holds a closed generation.
 *
 * @param kind {@code thread}, {@code timer}, {@code jdbc-driver}, {@code shutdown-hook},
 * {@code thread-local}, {@code mbean} or {@code static-field}
 * @param description which one
 * @author reload-hook
 */
public record HolderDescriptor(String kind, String description) {
}
