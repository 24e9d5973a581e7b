package dev.reloadhook.testsupport;

import java.util.List;

/**
 * One measured edit of the reload figures: the sources whose class files are written into
 * the running application's class directory (in this order: a class before the classes
 * that use it), the path to poll and the text the first answer with the change contains.
 *
 * @param sources the changed or new classes, compiled before the application starts
 * @param path the path to poll, with the session of the login if there is one
 * @param expected text of a 200 response that shows the edit
 */
public record FigureEdit(List<Source> sources, String path, String expected) {

	/**
	 * The source of one top-level class.
	 *
	 * @param className its binary name
	 * @param code its Java source
	 */
	public record Source(String className, String code) {

		/**
		 * Return the name of the class without its package.
		 */
		public String simpleName() {
			return this.className.substring(this.className.lastIndexOf('.') + 1);
		}

		/**
		 * Return the path of its source or class file relative to a root, without the
		 * extension.
		 */
		public String relativeName() {
			return this.className.replace('.', '/');
		}

	}

}
