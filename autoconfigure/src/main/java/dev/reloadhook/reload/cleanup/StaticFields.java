package dev.reloadhook.reload.cleanup;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Reads the static fields of a class outside the generations: where caches to clear and
 * references that keep a closed generation alive are found. Fields that cannot be read
 * (a class that fails to link, a package that is not open) are passed over.
 *
 * @author reload-hook
 */
public final class StaticFields {

	private StaticFields() {
	}

	/**
	 * Hand the value of each static field that the filter wants to the action. Only the
	 * fields wanted are read: reading a field initializes its class.
	 * @param type the class
	 * @param wanted which fields to read
	 * @param action what to do with each field and its value
	 */
	public static void forEach(Class<?> type, Predicate<Field> wanted, BiConsumer<Field, @Nullable Object> action) {
		Field[] fields;
		try {
			fields = type.getDeclaredFields();
		}
		catch (LinkageError | RuntimeException ex) {
			return;
		}
		for (Field field : fields) {
			if (!Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive() || !wanted.test(field)) {
				continue;
			}
			Object value;
			try {
				field.setAccessible(true);
				value = field.get(null);
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
				continue;
			}
			action.accept(field, value);
		}
	}

}
