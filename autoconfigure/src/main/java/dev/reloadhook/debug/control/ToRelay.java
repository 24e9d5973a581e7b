package dev.reloadhook.debug.control;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the application asks of its debug relay, one line each on the relay's standard
 * input.
 * <p>
 * Lines: {@code redefine <token> <generation> <class name>=<base64 class file>...},
 * {@code agent <port>}.
 *
 * @author reload-hook
 */
public sealed interface ToRelay {

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
	 * @param line a line the application wrote, without the line break
	 * @return the message
	 * @throws IllegalArgumentException if the line is not a message
	 */
	static ToRelay parse(String line) {
		String[] words = ControlLine.words(line, -1);
		return switch (words[0]) {
			case "redefine" -> Redefine.parse(words, line);
			case "agent" -> new AgentMoved((int) ControlLine.number(words, 1, line));
			default -> throw ControlLine.notAMessage(line);
		};
	}

	/**
	 * Redefine classes of a generation, all or none, and arm the debugger's breakpoints in
	 * them again; answered by a {@link FromRelay.Answer} with the same token.
	 *
	 * @param token pairs the answer with the request
	 * @param generation the generation whose classes to redefine
	 * @param classes binary class name to new class file bytes, in order
	 */
	record Redefine(long token, int generation, Map<String, byte[]> classes) implements ToRelay {

		/**
		 * Create a request.
		 * @param token pairs the answer with the request
		 * @param generation the generation whose classes to redefine
		 * @param classes binary class name to new class file bytes, in order
		 */
		public Redefine {
			classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
		}

		private static Redefine parse(String[] words, String line) {
			long token = ControlLine.number(words, 1, line);
			int generation = (int) ControlLine.number(words, 2, line);
			Map<String, byte[]> classes = new LinkedHashMap<>();
			for (int i = 3; i < words.length; i++) {
				int equals = words[i].indexOf('=');
				if (equals < 1) {
					throw ControlLine.notAMessage(line);
				}
				try {
					classes.put(words[i].substring(0, equals), Base64.getDecoder().decode(words[i].substring(equals + 1)));
				}
				catch (IllegalArgumentException ex) {
					throw ControlLine.notAMessage(line);
				}
			}
			return new Redefine(token, generation, classes);
		}

		@Override
		public String toLine() {
			StringBuilder line = new StringBuilder("redefine ").append(this.token).append(' ').append(this.generation);
			this.classes.forEach((name, bytes) -> line.append(' ')
				.append(name)
				.append('=')
				.append(Base64.getEncoder().encodeToString(bytes)));
			return line.toString();
		}

		@Override
		public void deliverTo(Handler handler) {
			handler.redefine(this);
		}

		/**
		 * Return the answer that this request was done.
		 * @return the answer
		 */
		public FromRelay.Redefined redefined() {
			return new FromRelay.Redefined(this.token);
		}

		/**
		 * Return the answer that this request was not done.
		 * @param reason why
		 * @return the answer
		 */
		public FromRelay.Refused refused(String reason) {
			return new FromRelay.Refused(this.token, reason);
		}

	}

	/**
	 * The JDWP agent listens on a new port: an agent started with port 0 moves after each
	 * debugger detaches.
	 *
	 * @param port where it listens now
	 */
	record AgentMoved(int port) implements ToRelay {

		@Override
		public String toLine() {
			return "agent " + this.port;
		}

		@Override
		public void deliverTo(Handler handler) {
			handler.agentMoved(this);
		}

	}

	/**
	 * Takes the application's messages, one method per kind.
	 */
	interface Handler {

		/**
		 * Redefine classes.
		 * @param request what
		 */
		void redefine(Redefine request);

		/**
		 * The agent moved.
		 * @param message where to
		 */
		void agentMoved(AgentMoved message);

	}

}
