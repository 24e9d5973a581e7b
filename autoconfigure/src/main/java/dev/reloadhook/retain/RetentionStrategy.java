package dev.reloadhook.retain;

import java.util.Map;

/**
 * How to carry one type of resource across generations: how to tell whether a new
 * generation's configuration still fits it, how to describe it and how to close it.
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
	 * Close the resource: no generation uses it any more.
	 * @param resource the resource
	 */
	void close(T resource);

}
