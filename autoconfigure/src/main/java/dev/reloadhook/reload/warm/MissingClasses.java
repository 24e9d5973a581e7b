package dev.reloadhook.reload.warm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of classes the base class loader could not load, remembered across
 * generations. Auto-configuration conditions, {@code ClassUtils.isPresent} and libraries
 * probing for optional dependencies ask for hundreds of absent classes in every
 * generation; each miss searches every jar of the class path and throws. The base class
 * path does not change while the JVM runs, so a miss stays a miss.
 * <p>
 * Only names are kept (no class, no class loader). The set is bounded: past
 * {@value #LIMIT} names new misses are no longer remembered. Names with a {@code $} are
 * never remembered: proxies and other generated classes (CGLIB's {@code $$SpringCGLIB$$},
 * Byte Buddy's, Hibernate's) are looked up first and then defined, some in the base class
 * loader itself, so for them a miss can turn into a hit.
 *
 * @author reload-hook
 */
public final class MissingClasses {

	static final int LIMIT = 50_000;

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	/**
	 * Return whether the base class loader already failed to load the given class.
	 * @param name the binary class name
	 * @return {@code true} if it is known to be missing
	 */
	public boolean isMissing(String name) {
		return this.names.contains(name);
	}

	/**
	 * Remember that the base class loader could not load the given class.
	 * @param name the binary class name
	 */
	public void missing(String name) {
		if (name.indexOf('$') < 0 && this.names.size() < LIMIT) {
			this.names.add(name);
		}
	}

	/**
	 * Return how many missing class names are remembered.
	 * @return the number of names
	 */
	public int size() {
		return this.names.size();
	}

}
