package dev.reloadhook.debug.control;

/**
 * The shape every control message shares: a keyword, then words separated by single
 * spaces, free text last.
 *
 * @author reload-hook
 */
final class ControlLine {

	private ControlLine() {
	}

	/**
	 * Return free text fit for one line: a line break would end the message early.
	 * @param text the text
	 * @return the text on one line
	 */
	static String oneLine(String text) {
		return text.replace('\r', ' ').replace('\n', ' ');
	}

	/**
	 * Split a line into at most {@code limit} words, the last holding the rest.
	 * @param line the line
	 * @param limit the most words
	 * @return the words
	 */
	static String[] words(String line, int limit) {
		return line.split(" ", limit);
	}

	/**
	 * Return the word at an index, failing with the whole line when it is missing.
	 * @param words the words
	 * @param index the index
	 * @param line the line, for the message
	 * @return the word
	 */
	static String word(String[] words, int index, String line) {
		if (index >= words.length) {
			throw notAMessage(line);
		}
		return words[index];
	}

	static long number(String[] words, int index, String line) {
		try {
			return Long.parseLong(word(words, index, line));
		}
		catch (NumberFormatException ex) {
			throw notAMessage(line);
		}
	}

	static IllegalArgumentException notAMessage(String line) {
		return new IllegalArgumentException("Not a debug relay control message: '" + abbreviate(line) + "'");
	}

	private static String abbreviate(String line) {
		// A redefinition carries whole class files: the start is enough to recognize it.
		return (line.length() > 120) ? line.substring(0, 120) + "..." : line;
	}

}
