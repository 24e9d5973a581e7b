package dev.reloadhook.reload.cleanup;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * Tells whether a cache entry reaches a closing generation: a class, class loader, member,
 * annotation or generic type of the generation, or a small object (a cache key such as
 * {@code MethodClassKey}, a {@link ResolvableType}, a {@link MethodParameter}) with one of
 * those a few fields deep. Library entries answer {@code false}: they may stay cached, so
 * the next generation starts with warm library metadata.
 * <p>
 * The walk is bounded in depth: a cache entry is a key or a small value, never an object
 * graph. Objects of JDK classes are only read through their public API (collections,
 * arrays, reflection types), never their fields, which are not open to reflection.
 *
 * @author reload-hook
 */
final class GenerationReferences {

	private static final Log logger = LogFactory.getLog(GenerationReferences.class);

	private static final int MAX_DEPTH = 4;

	/** Owners of a resolvable type followed at most: deeper than any class hierarchy. */
	private static final int MAX_OWNERS = 16;

	private static final @Nullable Field VARIABLE_RESOLVER = variableResolverField();

	private final Predicate<@Nullable ClassLoader> generation;

	private final Map<Class<?>, Boolean> classes = new IdentityHashMap<>();

	private final Map<Class<?>, Field[]> fields = new IdentityHashMap<>();

	GenerationReferences(ClassLoader classLoader) {
		this((loader) -> GenerationCaches.isAtOrBelow(loader, classLoader));
	}

	/**
	 * Tell what reaches any of several generations.
	 * @param generation whether a class loader is (or is below) one of the generations
	 */
	GenerationReferences(Predicate<@Nullable ClassLoader> generation) {
		this.generation = generation;
	}

	/**
	 * Whether the object (a cache key or value) reaches the generation.
	 * @param object the object, may be {@code null}
	 * @return whether removing it is needed for the generation to be collected
	 */
	boolean reach(@Nullable Object object) {
		return reach(object, 0);
	}

	// No visited set: the depth bound ends cycles, and an object seen first too deep to be
	// looked at must still be looked at when met again higher up.
	private boolean reach(@Nullable Object object, int depth) {
		if (object == null || object instanceof String || object instanceof Number || object instanceof Boolean
				|| object instanceof Character || object instanceof Enum<?>) {
			return false;
		}
		if (object instanceof Class<?> type) {
			return belongs(type);
		}
		if (object instanceof ClassLoader loader) {
			return this.generation.test(loader);
		}
		if (belongs(object.getClass())) {
			return true;
		}
		if (object instanceof Member member) {
			return belongs(member.getDeclaringClass()) || reachTypes(member);
		}
		if (object instanceof Parameter parameter) {
			return reach(parameter.getDeclaringExecutable(), depth);
		}
		if (object instanceof Annotation annotation) {
			return belongs(annotation.annotationType());
		}
		if (object instanceof Type type) {
			return reachType(type, depth);
		}
		if (depth >= MAX_DEPTH) {
			return false;
		}
		if (object instanceof Object[] array) {
			for (Object element : array) {
				if (reach(element, depth + 1)) {
					return true;
				}
			}
			return false;
		}
		if (object.getClass().isArray()) {
			return false;
		}
		if (object instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (reach(entry.getKey(), depth + 1) || reach(entry.getValue(), depth + 1)) {
					return true;
				}
			}
			return false;
		}
		if (object instanceof Collection<?> collection) {
			for (Object element : collection) {
				if (reach(element, depth + 1)) {
					return true;
				}
			}
			return false;
		}
		if (object instanceof ResolvableType type) {
			return reachOwners(type, depth);
		}
		return reachFields(object, depth);
	}

	/**
	 * A resolvable type names the generation's class at the end of its owners: a member's
	 * type is owned by the declaring type, owned by the class the member was asked through
	 * ({@code Object} owned by {@code Owner} for {@code Object.getClass()}). Each owner is
	 * looked at with the depth of the first, so that a long chain is followed to its end.
	 */
	private boolean reachOwners(ResolvableType type, int depth) {
		ResolvableType current = type;
		for (int owners = 0; current != null && owners < MAX_OWNERS; owners++) {
			if (reachFields(current, depth)) {
				return true;
			}
			current = ownerOf(current);
		}
		return false;
	}

	private static @Nullable ResolvableType ownerOf(ResolvableType type) {
		if (VARIABLE_RESOLVER == null) {
			return null;
		}
		Object resolver = PrivateFields.get(VARIABLE_RESOLVER, type);
		return (resolver != null && PrivateFields.read(resolver, "source") instanceof ResolvableType owner) ? owner
				: null;
	}

	private static @Nullable Field variableResolverField() {
		return PrivateFields.find(ResolvableType.class, "variableResolver", null);
	}

	private boolean reachTypes(Member member) {
		// A library method can still name a generation's class in its signature only
		// through generics of a subclass, which the declaring class already tells: the
		// member's own types are enough for fields and methods of library classes.
		if (member instanceof Method method) {
			if (belongs(method.getReturnType())) {
				return true;
			}
			for (Class<?> parameter : method.getParameterTypes()) {
				if (belongs(parameter)) {
					return true;
				}
			}
		}
		else if (member instanceof Field field) {
			return belongs(field.getType());
		}
		return false;
	}

	private boolean reachType(Type type, int depth) {
		if (type instanceof Class<?> raw) {
			return belongs(raw);
		}
		if (depth >= MAX_DEPTH) {
			return false;
		}
		if (type instanceof ParameterizedType parameterized) {
			if (reachType(parameterized.getRawType(), depth + 1)
					|| (parameterized.getOwnerType() != null && reachType(parameterized.getOwnerType(), depth + 1))) {
				return true;
			}
			for (Type argument : parameterized.getActualTypeArguments()) {
				if (reachType(argument, depth + 1)) {
					return true;
				}
			}
			return false;
		}
		if (type instanceof GenericArrayType array) {
			return reachType(array.getGenericComponentType(), depth + 1);
		}
		if (type instanceof WildcardType wildcard) {
			for (Type bound : wildcard.getUpperBounds()) {
				if (reachType(bound, depth + 1)) {
					return true;
				}
			}
			for (Type bound : wildcard.getLowerBounds()) {
				if (reachType(bound, depth + 1)) {
					return true;
				}
			}
			return false;
		}
		if (type instanceof TypeVariable<?> variable) {
			return reach(variable.getGenericDeclaration(), depth + 1);
		}
		// Spring's serializable type proxies and other implementations: their fields.
		return reachFields(type, depth);
	}

	private boolean reachFields(Object object, int depth) {
		for (Field field : fields(object.getClass())) {
			Object value;
			try {
				value = field.get(object);
			}
			catch (IllegalAccessException | RuntimeException ex) {
				continue;
			}
			if (reach(value, depth + 1)) {
				return true;
			}
		}
		return false;
	}

	private Field[] fields(Class<?> type) {
		return this.fields.computeIfAbsent(type, GenerationReferences::readableFields);
	}

	private static Field[] readableFields(Class<?> type) {
		List<Field> readable = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			if (current.getClassLoader() == null || current.getClassLoader() == ClassLoader.getPlatformClassLoader()) {
				// JDK classes: not open to reflection, and read through their API above.
				continue;
			}
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
					try {
						field.setAccessible(true);
						readable.add(field);
					}
					catch (RuntimeException ex) {
						// Not open to reflection: passed over.
						logger.debug("Not following " + field + ": " + ex.getMessage());
					}
				}
			}
		}
		return readable.toArray(new Field[0]);
	}

	private boolean belongs(Class<?> type) {
		Class<?> element = type;
		while (element.isArray()) {
			element = element.getComponentType();
		}
		return this.classes.computeIfAbsent(element, (candidate) -> this.generation.test(candidate.getClassLoader()));
	}

}
