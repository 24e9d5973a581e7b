package dev.reloadhook.bytecode;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The callbacks of Spring's configurer interfaces ({@code WebMvcConfigurer},
 * {@code WebFluxConfigurer}, the WebSocket ones): Spring calls them once, while it builds
 * the context's infrastructure (handler mappings, interceptors, converters, CORS, view
 * controllers), and never again, so a new body of one does nothing until a restart.
 * Only the interfaces a class names itself count; their methods are read from the
 * interfaces, which are on the base class path when the application uses them.
 *
 * @author reload-hook
 */
final class ConfigurerCallbacks {

	private static final List<String> CONFIGURERS = List.of(
			"org/springframework/web/servlet/config/annotation/WebMvcConfigurer",
			"org/springframework/web/reactive/config/WebFluxConfigurer",
			"org/springframework/web/socket/config/annotation/WebSocketConfigurer",
			"org/springframework/web/socket/config/annotation/WebSocketMessageBrokerConfigurer");

	/** Callback names by interface; an interface not on the class path has none. */
	private static final Map<String, Set<String>> names = new ConcurrentHashMap<>();

	private ConfigurerCallbacks() {
	}

	/**
	 * Return the names of the configurer callbacks among a class's interfaces.
	 * @param interfaces the internal names of the interfaces the class implements
	 * @return the callbacks' method names, empty when it implements no configurer
	 */
	static Set<String> of(String @Nullable [] interfaces) {
		if (interfaces == null) {
			return Set.of();
		}
		Set<String> callbacks = new HashSet<>();
		for (String type : interfaces) {
			if (CONFIGURERS.contains(type)) {
				callbacks.addAll(names.computeIfAbsent(type, ConfigurerCallbacks::read));
			}
		}
		return callbacks;
	}

	private static Set<String> read(String type) {
		ClassLoader loader = ConfigurerCallbacks.class.getClassLoader();
		String name = type.replace('/', '.');
		if (!ClassUtils.isPresent(name, loader)) {
			return Set.of();
		}
		Set<String> callbacks = new HashSet<>();
		for (Method method : ClassUtils.resolveClassName(name, loader).getMethods()) {
			if (!Modifier.isStatic(method.getModifiers())) {
				callbacks.add(method.getName());
			}
		}
		return Set.copyOf(callbacks);
	}

}
