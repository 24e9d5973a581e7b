package dev.reloadhook.bench;

import java.util.Map;

/**
 * What is changed on each reload and how the new behaviour is recognised. The edits are
 * prepared (compiled) before any application starts, so that a reload is timed from the
 * write of finished class files.
 */
interface Scenario {

	/** Short name, used in the JSON. */
	String id();

	/** One sentence for the reports. */
	String description();

	/** The path the steady client requests; its body shows the new behaviour. */
	String path();

	/**
	 * The {@code k}-th edit of a run (1-based): each edit differs from the one before.
	 */
	Edit edit(int k);

	/**
	 * One edit.
	 *
	 * @param classFiles class files to write, by path relative to the class directory
	 * @param marker text that only a response of the new behaviour contains
	 */
	record Edit(Map<String, byte[]> classFiles, String marker) {
	}

}
