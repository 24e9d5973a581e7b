package dev.reloadhook.retain.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.ConfigurableObjectInputStream;

/**
 * Re-creates session attribute values for a new generation: each value is serialized (its
 * classes are the old generation's) and deserialized resolving classes through the new
 * generation's class loader, so the new code sees its own classes and nothing keeps the
 * old generation reachable. A value that cannot be serialized is dropped, with one log
 * line naming the attribute and its class.
 *
 * @author reload-hook
 */
public final class SessionAttributes {

	private static final Log logger = LogFactory.getLog(SessionAttributes.class);

	private final ClassLoader classLoader;

	/**
	 * Create an instance that re-creates values in the given class loader.
	 * @param classLoader the new generation's class loader
	 */
	public SessionAttributes(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Re-create the attributes of one session.
	 * @param sessionId the session's id, for the log
	 * @param attributes the old generation's values, by name
	 * @param target receives each value re-created in the new generation
	 * @return how many attributes were dropped
	 */
	public int copy(String sessionId, Map<String, Object> attributes, BiConsumer<String, Object> target) {
		int dropped = 0;
		for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
			Object value = attribute.getValue();
			try {
				target.accept(attribute.getKey(), read(write(value)));
			}
			catch (IOException | ClassNotFoundException | RuntimeException ex) {
				dropped++;
				logDropped(attribute.getKey(), value.getClass().getName(), ex);
			}
		}
		return dropped;
	}

	/**
	 * Read a value that {@link #write} wrote (in another generation), resolving its
	 * classes through this instance's class loader.
	 * @param bytes the serialized value
	 * @return the value
	 * @throws IOException if the bytes cannot be read
	 * @throws ClassNotFoundException if a class of the value is not in the new generation
	 */
	public Object read(byte[] bytes) throws IOException, ClassNotFoundException {
		try (ObjectInputStream in = new ConfigurableObjectInputStream(new ByteArrayInputStream(bytes),
				this.classLoader)) {
			return in.readObject();
		}
	}

	/**
	 * Serialize one attribute value.
	 * @param value the value
	 * @return its bytes
	 * @throws IOException if it cannot be serialized
	 */
	public static byte[] write(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

	/**
	 * Say that an attribute could not be carried into the new generation.
	 * @param name the attribute's name
	 * @param className the class of its value
	 * @param failure why
	 */
	public static void logDropped(String name, String className, Exception failure) {
		logDropped(name, className, failure.getClass().getSimpleName() + ": " + failure.getMessage());
	}

	/**
	 * Say that an attribute could not be carried into the new generation.
	 * @param name the attribute's name
	 * @param className the class of its value
	 * @param reason why, in one line
	 */
	public static void logDropped(String name, String className, String reason) {
		logger.warn("Session attribute '" + name + "' (" + className + ") was dropped on reload: it cannot be "
				+ "serialized into the new generation (" + reason + ")");
	}

}
