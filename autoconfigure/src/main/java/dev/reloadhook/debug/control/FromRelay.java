package dev.reloadhook.debug.control;

import java.util.Locale;

/**
 * What the debug relay reports to the application, one line each on the relay's standard
 * output.
 * <p>
 * Lines: {@code listening <host>:<port>}, {@code failed <reason>}, {@code connected},
 * {@code disconnected}, {@code redefined <token>}, {@code refused <token> <reason>},
 * {@code log INFO|WARN <message>}.
 *
 * @author reload-hook
 */
public sealed interface FromRelay {

	/**
	 * Return the message as it goes over the channel, without the line break.
	 * @return the line
	 */
	String toLine();

	/**
	 * Hand the message to the method of the handler that takes it.
	 * @param handler the handler
	 */
	void deliverTo(Handler handler);

	/**
	 * Read a message.
	 * @param line a line the relay wrote, without the line break
	 * @return the message
	 * @throws IllegalArgumentException if the line is not a message
	 */
	static FromRelay parse(String line) {
		String[] words = ControlLine.words(line, 3);
		return switch (words[0]) {
			case "listening" -> new Listening(ControlLine.word(words, 1, line));
			case "failed" -> new Failed(line.substring(Math.min(line.length(), "failed ".length())));
			case "connected" -> new Connected();
			case "disconnected" -> new Disconnected();
			case "redefined" -> new Redefined(ControlLine.number(words, 1, line));
			case "refused" -> new Refused(ControlLine.number(words, 1, line), (words.length > 2) ? words[2] : "");
			case "log" -> new Log(Level.parse(ControlLine.word(words, 1, line), line), (words.length > 2) ? words[2] : "");
			default -> throw ControlLine.notAMessage(line);
		};
	}

	/**
	 * The relay listens for debuggers.
	 *
	 * @param address where, {@code host:port}
	 */
	record Listening(String address) implements FromRelay {

		@Override
		public String toLine() {
			return "listening " + ControlLine.oneLine(this.address);
		}

		@Override
		public void deliverTo(Handler handler) {
			handler.listening(this);
		}

	}

	/**
	 * The relay could not listen, and ends.
	 *
	 * @param reason why
	 */
	record Failed(String reason) implements FromRelay {

		@Override
		public String toLine() {
			return "failed " + ControlLine.oneLine(this.reason);
		}

		@Override
		public void deliverTo(Handler handler) {
			handler.failed(this);
		}

	}

	/**
	 * A debugger is connected through the relay to the JDWP agent.
	 */
	record Connected() implements FromRelay {

		@Override
		public String toLine() {
			return "connected";
		}

		@Override
		public void deliverTo(Handler handler) {
			handler.connected(this);
		}

	}

	/**
	 * The debugger left, or could not be connected to the agent.
	 */
	record Disconnected() implements FromRelay {

		@Override
		public String toLine() {
			return "disconnected";
		}

		@Override
		public void deliverTo(Handler handler) {
			handler.disconnected(this);
		}

	}

	/**
	 * The answer to a {@link ToRelay.Redefine}: done, or refused.
	 */
	sealed interface Answer extends FromRelay {

		/**
		 * Return the token of the redefinition answered.
		 * @return the token
		 */
		long token();

	}

	/**
	 * The classes of a {@link ToRelay.Redefine} are redefined and their breakpoints armed
	 * again.
	 *
	 * @param token the redefinition's token
	 */
	record Redefined(long token) implements Answer {

		@Override
		public String toLine() {
			return "redefined " + this.token;
		}

		@Override
		public void deliverTo(Handler handler) {
			handler.answered(this);
		}

	}

	/**
	 * A {@link ToRelay.Redefine} was not done; nothing was redefined.
	 *
	 * @param token the redefinition's token
	 * @param reason why
	 */
	record Refused(long token, String reason) implements Answer {

		@Override
		public String toLine() {
			return "refused " + this.token + " " + ControlLine.oneLine(this.reason);
		}

		@Override
		public void deliverTo(Handler handler) {
			handler.answered(this);
		}

	}

	/**
	 * Something the user should know, for the application's log.
	 *
	 * @param level how important
	 * @param message the message
	 */
	record Log(Level level, String message) implements FromRelay {

		@Override
		public String toLine() {
			return "log " + this.level + " " + ControlLine.oneLine(this.message);
		}

		@Override
		public void deliverTo(Handler handler) {
			handler.log(this);
		}

	}

	/**
	 * The levels of {@link Log}.
	 */
	enum Level {

		/** For information. */
		INFO,

		/** Something went wrong, and the user may act on it. */
		WARN;

		static Level parse(String word, String line) {
			try {
				return valueOf(word.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ControlLine.notAMessage(line);
			}
		}

	}

	/**
	 * Takes the relay's messages, one method per kind.
	 */
	interface Handler {

		/**
		 * The relay listens.
		 * @param message where
		 */
		void listening(Listening message);

		/**
		 * The relay could not listen.
		 * @param message why
		 */
		void failed(Failed message);

		/**
		 * A debugger connected.
		 * @param message the message
		 */
		void connected(Connected message);

		/**
		 * The debugger disconnected.
		 * @param message the message
		 */
		void disconnected(Disconnected message);

		/**
		 * A redefinition was answered.
		 * @param answer the answer
		 */
		void answered(Answer answer);

		/**
		 * The relay logged something.
		 * @param message what
		 */
		void log(Log message);

	}

}
