package dev.reloadhook.watch;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * One file that changed below a watched root.
 *
 * @param root the watched root directory
 * @param path the file, absolute
 * @param kind what happened to it
 * @author reload-hook
 */
public record ChangedFile(Path root, Path path, Kind kind) {

	/**
	 * Return the path relative to its root, with {@code /} separators
	 * (e.g. {@code com/example/Foo.class}).
	 * @return the relative name
	 */
	public String relativeName() {
		return this.root.relativize(this.path).toString().replace('\\', '/');
	}

	/**
	 * Return whether the file is a class file.
	 * @return whether its name ends with {@code .class}
	 */
	public boolean isClassFile() {
		return this.path.getFileName().toString().endsWith(".class");
	}

	/**
	 * What happened to a file.
	 */
	public enum Kind {

		/** The file was created. */
		ADDED,

		/** The file's content changed. */
		MODIFIED,

		/** The file was removed. */
		DELETED;

		/**
		 * Merge a later event for the same file into this one.
		 * @param next the later event
		 * @return the combined change, or {@code null} when the file came and went
		 */
		public @Nullable Kind then(Kind next) {
			if (this == ADDED) {
				return (next != DELETED) ? ADDED : null;
			}
			return (this == DELETED && next == ADDED) ? MODIFIED : next;
		}
	}

}
