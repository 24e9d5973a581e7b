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

	/** The name prefix of the class loaders of entity changes. */
	static final String ENTITIES = "reload-entities-";

	private final Map<String, byte[]> classes;

	private final Map<String, String> renamed;

	/**
	 * Create a class loader for the new versions of a bean-tier reload.
	 * @param name its name
	 * @param parent the class loader of everything else
	 * @param classes the new versions it defines, by binary name
	 * @param renamed the top-level classes of this generation whose newest version has
	 * another name (defined beside their package's classes), by their own binary names
	 */
	BeanClassLoader(String name, ClassLoader parent, Map<String, byte[]> classes, Map<String, String> renamed) {
		super(name, parent);
		this.classes = Map.copyOf(classes);
		this.renamed = Map.copyOf(renamed);
	}

	Set<String> classNames() {
		return this.classes.keySet();
	}

	/**
	 * Return whether an entity change defined these versions.
	 */
	boolean isForEntities() {
		return getName().startsWith(ENTITIES);
	}

	/**
	 * Return the top-level classes of this generation whose newest version has another
	 * name: new versions must refer to those names.
	 */
	Map<String, String> renamed() {
		return this.renamed;
	}

	/**
	 * Return the names of the classes this class loader and the bean class loaders before it
	 * define.
	 */
	Set<String> definedInChain() {
		Set<String> names = new java.util.HashSet<>(this.classes.keySet());
		if (getParent() instanceof BeanClassLoader previous) {
			names.addAll(previous.definedInChain());
		}
		return names;
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
