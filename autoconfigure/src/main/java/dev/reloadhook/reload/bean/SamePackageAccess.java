package dev.reloadhook.reload.bean;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.reloadhook.classify.ClassReferences;
import org.jspecify.annotations.Nullable;

import org.springframework.asm.Type;

/**
 * Checks that the new class versions use nothing package-private of the classes they stay
 * beside: defined by another class loader, they are in another runtime package than the
 * classes of their package in the serving generation, and the JVM would refuse that access
 * at run time.
 *
 * @author reload-hook
 */
final class SamePackageAccess {

	private SamePackageAccess() {
	}

	static void check(Map<String, Map<String, byte[]>> nests, ClassLoader classLoader) throws NotReplaceableException {
		Set<String> defined = nests.values()
			.stream()
			.flatMap((nest) -> nest.keySet().stream())
			.map((name) -> name.replace('.', '/'))
			.collect(Collectors.toSet());
		for (Map<String, byte[]> nest : nests.values()) {
			for (Map.Entry<String, byte[]> entry : nest.entrySet()) {
				String user = entry.getKey();
				String packagePrefix = user.substring(0, user.lastIndexOf('.') + 1).replace('.', '/');
				for (String reference : ClassReferences.of(entry.getValue())) {
					if (isBeside(reference, packagePrefix, defined)) {
						Class<?> type = load(reference, classLoader);
						if (type != null && !Modifier.isPublic(type.getModifiers())) {
							throw new NotReplaceableException(user + " uses the package-private class " + type.getName());
						}
					}
				}
				for (ClassReferences.Member member : ClassReferences.members(entry.getValue())) {
					if (isBeside(member.owner(), packagePrefix, defined)) {
						Class<?> owner = load(member.owner(), classLoader);
						Member found = (owner != null) ? find(owner, member) : null;
						if (found != null && !Modifier.isPublic(found.getModifiers())) {
							throw new NotReplaceableException(user + " uses the non-public member "
									+ found.getDeclaringClass().getName() + "." + member.name());
						}
					}
				}
			}
		}
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
