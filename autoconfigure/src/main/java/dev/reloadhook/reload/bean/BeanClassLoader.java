package dev.reloadhook.reload.bean;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Defines the new versions of the classes a bean-tier reload replaces, child first for
 * exactly those names, and delegates everything else to its parent: the serving
 * generation's class loader or the bean class loader of the previous bean-tier reload.
 * Its parent chain leads to a generation's restart class loader, so it is released with
 * that generation and attributed to it by leak detection.
 *
 * @author reload-hook
 */
final class BeanClassLoader extends ClassLoader {

	static {
		ClassLoader.registerAsParallelCapable();
	}

	private final Map<String, byte[]> classes;

	BeanClassLoader(String name, ClassLoader parent, Map<String, byte[]> classes) {
		super(name, parent);
		this.classes = Map.copyOf(classes);
	}

	Set<String> classNames() {
		return this.classes.keySet();
	}

	/**
	 * Return a class this class loader defined, whether a new class version or a class
	 * defined beside one (such as a CGLIB proxy).
	 * @param name the binary class name
	 * @return the class, or {@code null}
	 */
	@Nullable Class<?> definedClass(String name) {
		// No class loading lock: the parent asks while holding its own.
		Class<?> loaded = findLoadedClass(name);
		return (loaded != null && loaded.getClassLoader() == this) ? loaded : null;
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		byte[] bytes = this.classes.get(name);
		if (bytes == null) {
			return super.loadClass(name, resolve);
		}
		synchronized (getClassLoadingLock(name)) {
			Class<?> loaded = findLoadedClass(name);
			if (loaded == null) {
				loaded = defineClass(name, bytes, 0, bytes.length);
			}
			if (resolve) {
				resolveClass(loaded);
			}
			return loaded;
		}
	}

	@Override
	public String toString() {
		return getName();
	}

}
