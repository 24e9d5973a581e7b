package dev.reloadhook.observe.leak;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads private state of JDK classes (the registered JDBC drivers, the shutdown hooks, a
 * thread's thread locals). The JDK's modules do not open these packages, so the
 * instrumentation opens each to reload-hook's module once; without it, nothing is read.
 *
 * @author reload-hook
 */
final class JdkInternals {

	private final @Nullable Instrumentation instrumentation;

	JdkInternals(@Nullable Instrumentation instrumentation) {
		this.instrumentation = instrumentation;
	}

	/**
	 * Read a field, opening its package first.
	 * @param type the declaring class
	 * @param name the field name
	 * @param target the instance, {@code null} for a static field
	 * @return the value, or {@code null} if it cannot be read
	 */
	@Nullable Object read(Class<?> type, String name, @Nullable Object target) {
		if (!open(type)) {
			return null;
		}
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field.get(target);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Read a field of a JDK class given by name.
	 * @param className the declaring class name
	 * @param name the field name
	 * @param target the instance, {@code null} for a static field
	 * @return the value, or {@code null} if it cannot be read
	 */
	@Nullable Object read(String className, String name, @Nullable Object target) {
		try {
			return read(Class.forName(className, false, null), name, target);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	private boolean open(Class<?> type) {
		Module module = type.getModule();
		Module own = JdkInternals.class.getModule();
		String packageName = type.getPackageName();
		if (module.isOpen(packageName, own)) {
			return true;
		}
		if (this.instrumentation == null || !this.instrumentation.isModifiableModule(module)) {
			return false;
		}
		this.instrumentation.redefineModule(module, Set.of(), Map.of(), Map.of(packageName, Set.of(own)), Set.of(),
				Map.of());
		return module.isOpen(packageName, own);
	}

}
