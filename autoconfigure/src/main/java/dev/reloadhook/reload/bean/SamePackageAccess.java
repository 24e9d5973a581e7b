package dev.reloadhook.reload.bean;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.reloadhook.bytecode.ClassReferences;
import org.jspecify.annotations.Nullable;

import org.springframework.asm.Type;

/**
 * Finds what the new class versions use that is package-private in the classes they stay
 * beside. Defined by another class loader, they would be in another runtime package than
 * the classes of their package in the serving generation, and the JVM would refuse that
 * access at run time: such versions must be defined by the class loader of those classes.
 *
 * @author reload-hook
 */
final class SamePackageAccess {

	private SamePackageAccess() {
	}

	/**
	 * Return, per package, a class of the serving generation whose package-private class or
	 * member the new versions use.
	 * @param nests the new versions: per top-level class, its bytes and its nested classes'
	 * @param classLoader the class loader the new versions' dependencies come from
	 * @return the class used, by package name; empty when the new versions use only public
	 * classes and members of their packages
	 */
	static Map<String, Class<?>> packageAccess(Map<String, Map<String, byte[]>> nests, ClassLoader classLoader) {
		Set<String> defined = nests.values()
			.stream()
			.flatMap((nest) -> nest.keySet().stream())
			.map((name) -> name.replace('.', '/'))
			.collect(Collectors.toSet());
		Map<String, Class<?>> used = new LinkedHashMap<>();
		for (Map<String, byte[]> nest : nests.values()) {
			for (Map.Entry<String, byte[]> entry : nest.entrySet()) {
				String user = entry.getKey();
				String packageName = user.substring(0, Math.max(user.lastIndexOf('.'), 0));
				if (used.containsKey(packageName)) {
					continue;
				}
				Class<?> host = packagePrivateUse(entry.getValue(), packageName, defined, classLoader);
				if (host != null) {
					used.put(packageName, host);
				}
			}
		}
		return used;
	}

	private static @Nullable Class<?> packagePrivateUse(byte[] bytes, String packageName, Set<String> defined,
			ClassLoader classLoader) {
		String packagePrefix = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
		for (String reference : ClassReferences.of(bytes)) {
			if (isBeside(reference, packagePrefix, defined)) {
				Class<?> type = load(reference, classLoader);
				if (type != null && !Modifier.isPublic(type.getModifiers())) {
					return type;
				}
			}
		}
		for (ClassReferences.Member member : ClassReferences.members(bytes)) {
			if (isBeside(member.owner(), packagePrefix, defined)) {
				Class<?> owner = load(member.owner(), classLoader);
				Member found = (owner != null) ? find(owner, member) : null;
				if (found != null && !Modifier.isPublic(found.getModifiers())) {
					return found.getDeclaringClass();
				}
			}
		}
		return null;
	}

	private static boolean isBeside(String internalName, String packagePrefix, Set<String> defined) {
		return internalName.startsWith(packagePrefix) && internalName.indexOf('/', packagePrefix.length()) < 0
				&& !defined.contains(internalName);
	}

	private static @Nullable Class<?> load(String internalName, ClassLoader classLoader) {
		try {
			return Class.forName(internalName.replace('/', '.'), false, classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// A string that only looks like a class name.
			return null;
		}
	}

	private static @Nullable Member find(Class<?> owner, ClassReferences.Member member) {
		for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
			if (member.field()) {
				for (Field field : type.getDeclaredFields()) {
					if (field.getName().equals(member.name())) {
						return field;
					}
				}
			}
			else if ("<init>".equals(member.name())) {
				for (Constructor<?> constructor : type.getDeclaredConstructors()) {
					if (Type.getConstructorDescriptor(constructor).equals(member.descriptor())) {
						return constructor;
					}
				}
				return null;
			}
			else {
				for (Method method : type.getDeclaredMethods()) {
					if (method.getName().equals(member.name())
							&& Type.getMethodDescriptor(method).equals(member.descriptor())) {
						return method;
					}
				}
			}
		}
		return null;
	}

}
