package dev.reloadhook.retain;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.util.ReflectionUtils;

/**
 * Retention of a bean marked {@link RetainedAcrossReloads}: closed the way Spring would
 * destroy it, from names and reflection only (Spring's own destruction callback holds the
 * creating generation's bean factory).
 *
 * @author reload-hook
 */
final class BeanRetention implements RetentionStrategy<Object> {

	private static final String PRE_DESTROY = "jakarta.annotation.PreDestroy";

	private final List<String> destroyMethods;

	BeanRetention(String[] destroyMethods) {
		this.destroyMethods = List.of(destroyMethods);
	}

	@Override
	public Class<Object> type() {
		return Object.class;
	}

	@Override
	public Map<String, Object> describe(Object bean) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("class", bean.getClass().getName());
		return details;
	}

	@Override
	public void close(Object bean) {
		List<Method> methods = new ArrayList<>();
		ReflectionUtils.doWithMethods(bean.getClass(), methods::add, (method) -> method.getParameterCount() == 0
				&& Arrays.stream(method.getAnnotations())
					.anyMatch((annotation) -> annotation.annotationType().getName().equals(PRE_DESTROY)));
		methods.forEach((method) -> invoke(bean, method));
		if (bean instanceof DisposableBean disposable) {
			try {
				disposable.destroy();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		List<String> named = this.destroyMethods.stream()
			.filter((name) -> !AbstractBeanDefinition.INFER_METHOD.equals(name))
			.filter((name) -> !(bean instanceof DisposableBean && name.equals("destroy")))
			.toList();
		if (!named.isEmpty()) {
			named.forEach((name) -> {
				Method method = ReflectionUtils.findMethod(bean.getClass(), name);
				if (method != null) {
					invoke(bean, method);
				}
			});
		}
		else if (bean instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		else if (this.destroyMethods.contains(AbstractBeanDefinition.INFER_METHOD)) {
			// Spring's inference for @Bean methods: a public close() or shutdown().
			Method inferred = ReflectionUtils.findMethod(bean.getClass(), "close");
			inferred = (inferred != null) ? inferred : ReflectionUtils.findMethod(bean.getClass(), "shutdown");
			if (inferred != null && Modifier.isPublic(inferred.getModifiers())) {
				invoke(bean, inferred);
			}
		}
	}

	private static void invoke(Object bean, Method method) {
		ReflectionUtils.makeAccessible(method);
		ReflectionUtils.invokeMethod(method, bean);
	}

}
