package dev.reloadhook.retain.session;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session's attribute values as one generation left them, serialized: nothing here
 * refers to a generation's classes, and the next generation reads them back through its
 * own class loader. A value that could not be serialized is remembered by name, and said
 * once, by the generation that finds it missing.
 *
 * @param values the serialized values, by attribute name
 * @param unserializable the attributes whose values could not be serialized
 * @param writer the identity of the class loader of the generation that wrote them
 * @author reload-hook
 */
public record SerializedAttributes(Map<String, Value> values, Map<String, Unserializable> unserializable,
		int writer) {

	/**
	 * Serialize a session's attribute values.
	 * @param attributes the values, by name
	 * @param writer the writing generation's class loader
	 * @return the serialized attributes
	 */
	public static SerializedAttributes of(Map<String, Object> attributes, ClassLoader writer) {
		Map<String, Value> values = new LinkedHashMap<>();
		Map<String, Unserializable> unserializable = new LinkedHashMap<>();
		attributes.forEach((name, value) -> {
			try {
				values.put(name, new Value(value.getClass().getName(), SessionAttributes.write(value)));
			}
			catch (IOException | RuntimeException ex) {
				// Only its text: the exception, of a class of the generation perhaps, or with
				// references to its objects, would keep that generation alive.
				String reason = ex.getClass().getSimpleName() + ": " + ex.getMessage();
				unserializable.put(name, new Unserializable(value.getClass().getName(), reason));
			}
		});
		return new SerializedAttributes(values, unserializable, System.identityHashCode(writer));
	}

	/**
	 * Read the values back in a generation, dropping (with one log line each) those it
	 * cannot read and, if another generation wrote them, those that could not be written.
	 * @param reader the reading generation's class loader
	 * @return the values, by name
	 */
	public Map<String, Object> read(ClassLoader reader) {
		SessionAttributes attributes = new SessionAttributes(reader);
		Map<String, Object> read = new LinkedHashMap<>();
		this.values.forEach((name, value) -> {
			try {
				read.put(name, attributes.read(value.bytes()));
			}
			catch (IOException | ClassNotFoundException | RuntimeException ex) {
				// The new code no longer has the class, or an incompatible version of it.
				SessionAttributes.logDropped(name, value.className(), ex);
			}
		});
		if (this.writer != System.identityHashCode(reader)) {
			this.unserializable
				.forEach((name, value) -> SessionAttributes.logDropped(name, value.className(), value.reason()));
		}
		return read;
	}

	/**
	 * One serialized value.
	 *
	 * @param className the class of the value
	 * @param bytes its serialized form
	 */
	public record Value(String className, byte[] bytes) {
	}

	/**
	 * A value that could not be serialized.
	 *
	 * @param className the class of the value
	 * @param reason why, in one line
	 */
	public record Unserializable(String className, String reason) {
	}

}
