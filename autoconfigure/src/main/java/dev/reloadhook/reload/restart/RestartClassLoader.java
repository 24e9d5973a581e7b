package dev.reloadhook.reload.restart;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.reloadhook.reload.warm.MissingClasses;
import org.jspecify.annotations.Nullable;

/**
 * The class loader of one generation: loads the application's own classes from its class
 * directories (child first) and everything else (libraries, reload-hook itself) from the
 * base class loader, so that a new generation sees new class files while the base stays.
 *
 * @author reload-hook
 */
public final class RestartClassLoader extends URLClassLoader {

	static {
		ClassLoader.registerAsParallelCapable();
	}

	private final int generation;

	private final List<Function<String, @Nullable Class<?>>> childDefinitions = new CopyOnWriteArrayList<>();

	private final MissingClasses missing;

	/**
	 * Create a class loader for one generation.
	 * @param generation the generation number, starting at 1
	 * @param urls the class directories that belong to the generation
	 * @param parent the base class loader
	 */
	public RestartClassLoader(int generation, URL[] urls, ClassLoader parent) {
		this(generation, urls, parent, new MissingClasses());
	}

	/**
	 * Create a class loader for one generation that shares what the base class loader
	 * does not have with the other generations.
	 * @param generation the generation number, starting at 1
	 * @param urls the class directories that belong to the generation
	 * @param parent the base class loader
	 * @param missing the classes the base class loader is known not to have
	 */
	public RestartClassLoader(int generation, URL[] urls, ClassLoader parent, MissingClasses missing) {
		super("reload-generation-" + generation, urls, parent);
		this.generation = generation;
		this.missing = missing;
	}

	/**
	 * Return the generation this class loader belongs to.
	 * @return the generation number
	 */
	public int getGeneration() {
		return this.generation;
	}

	/**
	 * Return the class of the given name if this class loader has already defined it.
	 * @param name the binary class name
	 * @return the class, or {@code null} if not loaded (yet) by this class loader
	 */
	public @Nullable Class<?> loadedClass(String name) {
		Class<?> loaded = findLoadedClass(name);
		return (loaded != null && loaded.getClassLoader() == this) ? loaded : null;
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		synchronized (getClassLoadingLock(name)) {
			Class<?> loaded = findLoadedClass(name);
			if (loaded == null) {
				// Looking the file up first is far cheaper than letting findClass throw for
				// each of the thousands of library classes an application loads.
				boolean own = !name.startsWith("java.") && findResource(name.replace('.', '/') + ".class") != null;
				loaded = own ? findClass(name) : loadFromParent(name);
			}
			if (resolve) {
				resolveClass(loaded);
			}
			return loaded;
		}
	}

	private Class<?> loadFromParent(String name) throws ClassNotFoundException {
		ClassNotFoundException notFound;
		if (this.missing.isMissing(name)) {
			notFound = new ClassNotFoundException(name);
		}
		else {
			try {
				return getParent().loadClass(name);
			}
			catch (ClassNotFoundException ex) {
				this.missing.missing(name);
				notFound = ex;
			}
		}
		for (int i = this.childDefinitions.size() - 1; i >= 0; i--) {
			Class<?> defined = this.childDefinitions.get(i).apply(name);
			if (defined != null) {
				return defined;
			}
		}
		throw notFound;
	}

	/**
	 * Return whether the given resource is in this generation's own class directories
	 * (checked without asking the base class loader).
	 * @param name the resource name, for example {@code com/example/Foo.class}
	 * @return {@code true} if one of the generation's class directories has it
	 */
	public boolean hasOwnResource(String name) {
		return findResource(name) != null;
	}

	/**
	 * Let this class loader find the classes a child class loader defined that no class
	 * file has, newest child first. Libraries that define a class beside one of the child's
	 * classes (CGLIB defines a proxy in its superclass's class loader) look the new class
	 * up through the application's class loader, this one.
	 * @param definitions returns the class of a given name the child defined, or
	 * {@code null}
	 */
	public void addChildDefinitions(Function<String, @Nullable Class<?>> definitions) {
		this.childDefinitions.add(definitions);
	}

	@Override
	public @Nullable URL getResource(String name) {
		URL url = findResource(name);
		return (url != null) ? url : getParent().getResource(name);
	}

	@Override
	public Enumeration<URL> getResources(String name) throws IOException {
		// The base class loader already lists the same directories: asking it alone avoids
		// every resource (and every class found by component scanning) being seen twice.
		return getParent().getResources(name);
	}

	/**
	 * Return the generation of the given class loader or of its nearest ancestor that is a
	 * restart class loader.
	 * @param classLoader the class loader to inspect, may be {@code null}
	 * @return the generation number, or {@code 0} when the class loader belongs to none
	 */
	public static int generationOf(@Nullable ClassLoader classLoader) {
		for (ClassLoader candidate = classLoader; candidate != null; candidate = candidate.getParent()) {
			if (candidate instanceof RestartClassLoader restartClassLoader) {
				return restartClassLoader.getGeneration();
			}
		}
		return 0;
	}

	@Override
	public String toString() {
		return getName();
	}

}
