package dev.reloadhook.reload.bean;

import java.lang.invoke.MethodHandles;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defines new class versions under new names in the class loader of the classes of their
 * package, so that they share the runtime package of the package-private classes and
 * members they use (a child class loader would put them in another runtime package). The
 * JDK's {@link MethodHandles.Lookup#defineClass(byte[])} defines them, as it does Spring's
 * CGLIB proxies.
 *
 * @author reload-hook
 */
final class RenamedVersions {

	private RenamedVersions() {
	}

	/**
	 * Define the new versions of the changes.
	 * @param changes the changes, each a top-level class and its nested classes
	 * @param hosts per package, a class of the serving generation in it
	 * @param renamed the new binary name of every top-level class renamed in this
	 * generation, these changes' included
	 * @return the new top-level classes, by their original binary names
	 * @throws NotReplaceableException if a package has no class to define them beside
	 */
	static Map<String, Class<?>> define(List<BeanChange> changes, Map<String, Class<?>> hosts,
			Map<String, String> renamed) throws NotReplaceableException {
		Map<String, String> internalNames = BeanTier.internal(renamed);
		Map<String, Class<?>> defined = new LinkedHashMap<>();
		for (BeanChange change : changes) {
			String className = change.className();
			Class<?> host = hosts.get(className.substring(0, Math.max(className.lastIndexOf('.'), 0)));
			if (host == null || host.getClassLoader() instanceof BeanClassLoader) {
				throw new NotReplaceableException(className + " needs package-private access but no class of its"
						+ " package was loaded by the generation's class loader");
			}
			try {
				MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(host, MethodHandles.lookup());
				// The outer class before its nested classes, which may extend it.
				List<String> names = change.classes()
					.keySet()
					.stream()
					.sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
					.toList();
				for (String name : names) {
					Class<?> type = lookup.defineClass(ClassRenamer.rename(change.classes().get(name), internalNames));
					if (name.equals(className)) {
						defined.put(className, type);
					}
				}
			}
			catch (IllegalAccessException | LinkageError ex) {
				throw new NotReplaceableException(
						"the new version of " + className + " could not be defined beside its package: " + ex, ex);
			}
		}
		return defined;
	}

}
