package dev.reloadhook.reload.bean;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reloadhook.reload.restart.RestartClassLoader;
import dev.reloadhook.watch.ChangedFile;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The bean tier: applies a change set confined to leaf controllers and new leaf components
 * in the serving application context, without a restart. The new class versions are
 * defined in a child class loader of the serving generation's; each replaced bean is
 * created by the context's own bean factory (so it is injected, post-processed and proxied
 * as at startup) before its old version's request mappings are swapped for its own and
 * the old version is destroyed.
 *
 * @author reload-hook
 */
public final class BeanTier {

	private static final String SPRING_MVC_MAPPING = "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping";

	private final BeanChangePlanner planner = new BeanChangePlanner();

	private final AtomicInteger versions = new AtomicInteger();

	/**
	 * Apply a change set in the serving context.
	 * @param files the change set
	 * @param roots the class directories
	 * @param context the serving generation's context
	 * @param parent the class loader the new versions' dependencies come from: the
	 * serving generation's, or the newest bean-tier class loader in it
	 * @return what was replaced
	 * @throws NotReplaceableException if the change set is not for the bean tier or a bean
	 * could not be replaced (then the context is as before for that bean, and a restart
	 * should apply the change set)
	 */
	public Replacement apply(List<ChangedFile> files, List<Path> roots, ConfigurableApplicationContext context,
			ClassLoader parent) throws NotReplaceableException {
		Assert.notNull(context, "'context' must not be null");
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
			throw new NotReplaceableException("the bean factory does not allow registering beans");
		}
		if (!ClassUtils.isPresent(SPRING_MVC_MAPPING, BeanTier.class.getClassLoader())
				|| !context.containsBean(HandlerMappings.MAIN_MAPPING)) {
			throw new NotReplaceableException("the application does not use Spring MVC");
		}
		List<BeanChange> changes = this.planner.plan(files, roots, beanFactory, parent);
		int version = this.versions.incrementAndGet();
		Map<String, byte[]> classes = new LinkedHashMap<>();
		changes.forEach((change) -> classes.putAll(change.classes()));
		BeanClassLoader classLoader = new BeanClassLoader(
				"reload-beans-" + RestartClassLoader.generationOf(parent) + "." + version, parent, classes);
		for (ClassLoader ancestor = parent; ancestor != null; ancestor = ancestor.getParent()) {
			if (ancestor instanceof RestartClassLoader generation) {
				generation.addChildDefinitions(classLoader::definedClass);
				break;
			}
		}
		BeanReplacer replacer = new BeanReplacer(context, registry, HandlerMappings.of(context), version);
		List<String> beans = new ArrayList<>();
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(classLoader);
		try {
			for (BeanChange change : changes) {
				String bean = replacer.replace(change, classLoader.loadClass(change.className()));
				if (bean != null) {
					beans.add(bean);
				}
			}
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new NotReplaceableException("the new class versions could not be defined: " + ex, ex);
		}
		catch (BeansException | IllegalStateException ex) {
			throw new NotReplaceableException("a bean could not be replaced: " + ex.getMessage(), ex);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
		return new Replacement(List.copyOf(beans), classLoader, Set.copyOf(classLoader.classNames()));
	}

	/**
	 * What a bean-tier reload replaced.
	 *
	 * @param beans the beans replaced or added, by name
	 * @param classLoader the class loader of the new class versions
	 * @param classNames the classes it defines
	 */
	public record Replacement(List<String> beans, ClassLoader classLoader, Set<String> classNames) {
	}

}
