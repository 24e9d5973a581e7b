package dev.reloadhook.reload.cleanup;

import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * Reads the private fields of library classes that hold caches or references to a
 * generation. Such a field may be absent or closed in another version of the library: it
 * is then passed over ({@code null}), never a failure of the reload.
 *
 * @author reload-hook
 */
public final class PrivateFields {

	private PrivateFields() {
	}

	/**
	 * Return the named field of the given class or of one of its superclasses, made
	 * accessible.
	 * @param type the class
	 * @param name the field name
	 * @param fieldType the type the field must have, or {@code null} for any
	 * @return the field, or {@code null} if there is none or it cannot be opened
	 */
	public static @Nullable Field find(Class<?> type, String name, @Nullable Class<?> fieldType) {
		try {
			Field field = ReflectionUtils.findField(type, name, fieldType);
			if (field != null) {
				ReflectionUtils.makeAccessible(field);
			}
			return field;
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Return the value of the named field of an object.
	 * @param target the object
	 * @param name the field name
	 * @return the value, or {@code null} if the field is absent, cannot be opened or holds
	 * {@code null}
	 */
	public static @Nullable Object read(Object target, String name) {
		Field field = find(target.getClass(), name, null);
		return (field != null) ? get(field, target) : null;
	}

	/**
	 * Return the value of a field found with {@link #find}.
	 * @param field the field
	 * @param target the object, or {@code null} for a static field
	 * @return the value, or {@code null} if it cannot be read
	 */
	public static @Nullable Object get(Field field, @Nullable Object target) {
		try {
			return field.get(target);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return null;
		}
	}

}
