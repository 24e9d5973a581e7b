package dev.reloadhook.retain;

import java.util.Map;

/**
 * How to carry one type of resource across generations: how to describe it and how to
 * close it once no generation uses it. Part of the retention SPI: a generation that
 * creates a resource hands it to {@link RetainedResources#adopt} with a fingerprint of
 * what it was created from; the next generation asks {@link RetainedResources#reuse} with
 * its own fingerprint and gets the same instance while the fingerprints match. The
 * resource's class must come from a jar, never from the application's class directories.
 * {@link HikariRetention} is the strategy of Spring Boot's auto-configured pool; the
 * simplest way to retain a bean is {@link RetainedAcrossReloads}.
 *
 * @param <T> the resource type
 * @author reload-hook
 */
public interface RetentionStrategy<T> {

	/**
	 * Return the resource type.
	 * @return the type
	 */
	Class<T> type();

	/**
	 * Describe the resource's state for the {@code reload} endpoint (e.g. pool counts).
	 * @param resource the resource
	 * @return the state, by name
	 */
	Map<String, Object> describe(T resource);

	/**
	 * Prepare a resource that replaces the one kept under the same name (its configuration
	 * changed), while the one it replaces is still open and serving: that one is closed
	 * only once no generation uses it. A pool, for instance, connects here so that an
	 * in-memory database the two share never goes without a connection. Nothing by
	 * default.
	 * @param previous the resource being replaced
	 * @param replacement the resource that replaces it
	 */
	default void replacing(T previous, T replacement) {
	}

	/**
	 * Close the resource: no generation uses it any more.
	 * @param resource the resource
	 */
	void close(T resource);

}
