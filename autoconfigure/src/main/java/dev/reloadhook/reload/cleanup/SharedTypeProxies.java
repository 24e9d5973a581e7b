package dev.reloadhook.reload.cleanup;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.util.ReflectionUtils;

/**
 * Keeps the generic type proxies that Spring shares between all its callers from tying
 * one generation to another.
 * <p>
 * Spring's {@code SerializableTypeWrapper} keeps one proxy per generic type in a static
 * cache keyed by the JDK's type, and the proxy keeps the member it was first asked for,
 * with the class it was asked through. A library member's generic type is equal whoever
 * asks: the return type {@code Class<?>} of {@code Object.getClass()}, read for the
 * {@code class} property of every bean, is asked for through {@code Owner} by one
 * generation and through {@code Pet} by the next, which then receives the first one's
 * proxy, and with it {@code Owner}'s class loader. A generation started while an older
 * one serves (so before the older one closes and its entries go) would keep the older
 * one alive for as long as it lives itself: Spring Data's mapping context keeps such a
 * proxy in the type information of each entity.
 * <p>
 * So these proxies are detached from the generations: before a generation starts, and
 * again when one closes (a proxy the older one made while the newer one started). A proxy
 * of a library member is repointed to the member itself (its generic type does not
 * depend on the class it was asked through) and stays cached; a proxy of an application
 * member whose type is a library type (a {@code List<String>} field) is evicted. Proxies
 * of the generation's own types are left to the cache sweep when it closes.
 *
 * @author reload-hook
 */
public final class SharedTypeProxies {

	private static final Log logger = LogFactory.getLog(SharedTypeProxies.class);

	private static final String WRAPPER = "org.springframework.core.SerializableTypeWrapper";

	private SharedTypeProxies() {
	}

	/**
	 * Detach the shared proxies from every generation: classes loaded by neither the
	 * libraries' class loader nor one of its parents. Called before a generation starts.
	 * @param base the class loader of the libraries
	 * @return how many proxies were detached
	 */
	static int detachFromGenerations(ClassLoader base) {
		return detach(base, (loader) -> loader != null && !GenerationCaches.isAtOrBelow(base, loader));
	}

	/**
	 * Detach the shared proxies from a closing generation.
	 * @param classLoader the generation's class loader
	 * @return how many proxies were detached
	 */
	static int detach(ClassLoader classLoader) {
		return detach(SharedTypeProxies.class.getClassLoader(),
				(loader) -> GenerationCaches.isAtOrBelow(loader, classLoader));
	}

	private static int detach(ClassLoader base, Predicate<@Nullable ClassLoader> generation) {
		Map<?, ?> cache = cache(base);
		if (cache == null) {
			return 0;
		}
		GenerationReferences references = new GenerationReferences(generation);
		int repointed = 0;
		int evicted = 0;
		try {
			for (Iterator<? extends Map.Entry<?, ?>> it = cache.entrySet().iterator(); it.hasNext();) {
				Map.Entry<?, ?> entry = it.next();
				Object provider = rootProvider(entry.getValue());
				// A generation's own types are only asked for by that generation.
				if (provider == null || !(entry.getKey() instanceof Type type) || references.reach(type)) {
					continue;
				}
				switch (detach(provider, references)) {
					case REPOINTED -> repointed++;
					case ATTACHED -> {
						it.remove();
						evicted++;
					}
					case DETACHED -> {
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// Changed while swept, or Spring's internals moved: what is left goes with the
			// generation's close.
			logger.debug("Cannot detach Spring's shared type proxies from the generations", ex);
		}
		if ((repointed > 0 || evicted > 0) && logger.isDebugEnabled()) {
			logger.debug("Shared type proxies detached from generations: " + repointed + " repointed, " + evicted
					+ " evicted");
		}
		return repointed + evicted;
	}

	private static State detach(Object provider, GenerationReferences references) {
		Field parameterField = PrivateFields.find(provider.getClass(), "methodParameter", MethodParameter.class);
		if (parameterField != null) {
			MethodParameter parameter = (MethodParameter) PrivateFields.get(parameterField, provider);
			if (parameter == null || !references.reach(parameter)) {
				return State.DETACHED;
			}
			Executable member = parameter.getExecutable();
			if (references.reach(member)) {
				return State.ATTACHED;
			}
			// The generic type of a library member is the same through whichever class
			// it is asked for.
			ReflectionUtils.setField(parameterField, provider,
					MethodParameter.forExecutable(member, parameter.getParameterIndex()));
			return State.REPOINTED;
		}
		// A field's provider names the field only: attached when the field is the
		// generation's.
		Field fieldField = PrivateFields.find(provider.getClass(), "field", Field.class);
		if (fieldField != null) {
			return references.reach(PrivateFields.get(fieldField, provider)) ? State.ATTACHED : State.DETACHED;
		}
		return references.reach(provider) ? State.ATTACHED : State.DETACHED;
	}

	/**
	 * The provider a proxy was made from: a member's, or the one a nested type (a type
	 * argument of a proxy) was read from.
	 */
	private static @Nullable Object rootProvider(@Nullable Object value) {
		if (value == null || !Proxy.isProxyClass(value.getClass())) {
			return null;
		}
		InvocationHandler handler = Proxy.getInvocationHandler(value);
		Object provider = providerOf(handler);
		for (int depth = 0; provider != null && depth < 16; depth++) {
			Object parent = providerOf(provider);
			if (parent == null) {
				return provider;
			}
			provider = parent;
		}
		return provider;
	}

	private static @Nullable Object providerOf(Object holder) {
		if (!holder.getClass().getName().startsWith(WRAPPER + "$")) {
			return null;
		}
		return PrivateFields.read(holder, "provider");
	}

	private static @Nullable Map<?, ?> cache(ClassLoader base) {
		try {
			Class<?> wrapper = Class.forName(WRAPPER, false, base);
			Field field = PrivateFields.find(wrapper, "cache", null);
			return (field != null && PrivateFields.get(field, null) instanceof Map<?, ?> map) ? map : null;
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			logger.debug("Spring's shared type proxies not found; left as they are", ex);
			return null;
		}
	}

	/** What a proxy's member tells about the generations. */
	private enum State {

		/** Reaches no generation. */
		DETACHED,

		/** Reached a generation through the class it was asked through only; repointed. */
		REPOINTED,

		/** The member itself is a generation's. */
		ATTACHED

	}

}
