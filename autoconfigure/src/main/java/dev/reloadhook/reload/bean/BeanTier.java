package dev.reloadhook.reload.bean;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.reloadhook.bytecode.ClassReferences;
import dev.reloadhook.reload.restart.RestartClassLoader;
import dev.reloadhook.watch.ChangedFile;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

	private static final Log logger = LogFactory.getLog(BeanTier.class);

	private final BeanChangePlanner planner = new BeanChangePlanner();

	private final EntityChangePlanner entityPlanner = new EntityChangePlanner(new ReferenceIndex());

	/** Native entity manager factories an entity change replaced, closed when their generation retires. */
	private final Map<ConfigurableApplicationContext, List<Object>> replacedFactories = new java.util.concurrent.ConcurrentHashMap<>();

	private final AtomicInteger versions = new AtomicInteger();

	private final BooleanSupplier debuggerAttached;

	/**
	 * Create the bean tier.
	 * @param debuggerAttached whether a debugger is attached straight to the JVM (not
	 * through the debug relay): it would not set its breakpoints in renamed versions
	 */
	public BeanTier(BooleanSupplier debuggerAttached) {
		this.debuggerAttached = debuggerAttached;
	}

	private volatile @Nullable HandlerBeans handlerBeans;

	/**
	 * Apply a change set in the serving context.
	 * @param files the change set
	 * @param changedClasses the binary names of the classes whose content changed
	 * @param roots the class directories
	 * @param context the serving generation's context
	 * @param parent the class loader the new versions' dependencies come from: the
	 * serving generation's, or the newest bean-tier class loader in it
	 * @return what was replaced
	 * @throws NotReplaceableException if the change set is not for the bean tier or a bean
	 * could not be replaced (then the context is as before for that bean, and a restart
	 * should apply the change set)
	 */
	public Replacement apply(List<ChangedFile> files, Set<String> changedClasses, List<Path> roots,
			ConfigurableApplicationContext context, ClassLoader parent) throws NotReplaceableException {
		Assert.notNull(context, "'context' must not be null");
		try {
			try {
				return replace(files, roots, context, parent);
			}
			catch (NotReplaceableException ex) {
				if (!this.entityPlanner.concerns(changedClasses, roots, parent)) {
					throw ex;
				}
				return replaceEntities(files, changedClasses, roots, context, parent);
			}
		}
		catch (NotReplaceableException ex) {
			// The reload record has the reason too; the log is where a developer looks
			// when an edit restarted that they expected to be applied in place.
			logger.info("Bean tier not used, a restart applies the change: " + ex.getMessage());
			throw ex;
		}
	}

	private Replacement replace(List<ChangedFile> files, List<Path> roots, ConfigurableApplicationContext context,
			ClassLoader parent) throws NotReplaceableException {
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
		String name = "reload-beans-" + RestartClassLoader.generationOf(parent) + "." + version;
		Map<String, Map<String, byte[]>> nests = new LinkedHashMap<>();
		changes.forEach((change) -> nests.put(change.className(), change.classes()));
		Map<String, String> renamed = new LinkedHashMap<>(
				(parent instanceof BeanClassLoader previous) ? previous.renamed() : Map.of());
		Map<String, Class<?>> packageAccess = SamePackageAccess.packageAccess(nests, parent);
		BeanClassLoader classLoader;
		Map<String, Class<?>> renamedTypes = Map.of();
		if (packageAccess.isEmpty()) {
			// Defined by their own names in a child class loader: what debuggers and the
			// mapping table show is the class as written.
			nests.keySet().forEach(renamed::remove);
			Map<String, byte[]> classes = new LinkedHashMap<>();
			changes.forEach((change) -> change.classes()
				.forEach((className, bytes) -> classes.put(className, ClassRenamer.rename(bytes, internal(renamed)))));
			classLoader = new BeanClassLoader(name, parent, classes, renamed);
			for (ClassLoader ancestor = parent; ancestor != null; ancestor = ancestor.getParent()) {
				if (ancestor instanceof RestartClassLoader generation) {
					generation.addChildDefinitions(classLoader::definedClass);
					break;
				}
			}
		}
		else {
			// They use package-private classes or members: defined beside those, under new
			// names, as the JVM defines a class name once per class loader.
			refuseChildLoaderReferences(nests, parent);
			if (this.debuggerAttached.getAsBoolean()) {
				// A debugger watches a class by its name: as with hot swap, a restart keeps
				// its breakpoints, a renamed version would not get them.
				throw new NotReplaceableException(String.join(", ", nests.keySet())
						+ " needs package-private access, so its new version would be renamed, and the debugger "
						+ "attached to the JVM would not set its breakpoints there (attach through the debug relay "
						+ "to keep the bean tier)");
			}
			nests.keySet().forEach((className) -> renamed.put(className, className + "$Reload" + version));
			renamedTypes = RenamedVersions.define(changes, packageAccess, renamed);
			classLoader = new BeanClassLoader(name, parent, Map.of(), renamed);
		}
		BeanReplacer replacer = new BeanReplacer(ServingBeans.of(context, registry, handlerBeans(context), version));
		List<String> beans = new ArrayList<>();
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(classLoader);
		try {
			for (BeanChange change : changes) {
				Class<?> type = renamedTypes.get(change.className());
				String bean = replacer.replace(change, (type != null) ? type : classLoader.loadClass(change.className()));
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
		return new Replacement(List.copyOf(beans), classLoader,
				nests.values().stream().flatMap((nest) -> nest.keySet().stream()).collect(Collectors.toSet()));
	}

	/**
	 * Apply an entity change: the changed entities and every class that refers to them are
	 * defined again in a child class loader, the entity manager factories are rebuilt on
	 * them, and the repositories and components of those classes are created again.
	 */
	private Replacement replaceEntities(List<ChangedFile> files, Set<String> changedClasses, List<Path> roots,
			ConfigurableApplicationContext context, ClassLoader parent) throws NotReplaceableException {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
			throw new NotReplaceableException("the bean factory does not allow registering beans");
		}
		EntityPlan plan = this.entityPlanner.plan(files, changedClasses, roots, beanFactory, parent);
		int version = this.versions.incrementAndGet();
		String name = BeanClassLoader.ENTITIES + RestartClassLoader.generationOf(parent) + "." + version;
		Map<String, String> renamed = new LinkedHashMap<>(
				(parent instanceof BeanClassLoader previous) ? previous.renamed() : Map.of());
		plan.nests().keySet().forEach(renamed::remove);
		Map<String, byte[]> classes = new LinkedHashMap<>();
		plan.nests()
			.values()
			.forEach((nest) -> nest.forEach((className, bytes) -> classes.put(className,
					ClassRenamer.rename(bytes, internal(renamed)))));
		BeanClassLoader classLoader = new BeanClassLoader(name, parent, classes, renamed);
		for (ClassLoader ancestor = parent; ancestor != null; ancestor = ancestor.getParent()) {
			if (ancestor instanceof RestartClassLoader generation) {
				generation.addChildDefinitions(classLoader::definedClass);
				break;
			}
		}
		EntityReplacer replacer = new EntityReplacer(ServingBeans.of(context, registry, handlerBeans(context), version));
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(classLoader);
		EntityReplacer.Result result;
		try {
			result = replacer.replace(plan, classLoader);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
		this.replacedFactories.computeIfAbsent(context, (key) -> new java.util.concurrent.CopyOnWriteArrayList<>())
			.addAll(result.replacedFactories());
		List<String> beans = new ArrayList<>(plan.factories().stream().map((factory) -> factory.substring(1) + " (rebuilt)").toList());
		beans.addAll(result.beans());
		return new Replacement(List.copyOf(beans), classLoader, classes.keySet());
	}

	/**
	 * Forget what was found in a context that no longer serves, so that nothing here keeps
	 * its generation reachable once it is closed.
	 * @param context the retiring context
	 */
	public void forget(ConfigurableApplicationContext context) {
		List<Object> factories = this.replacedFactories.remove(context);
		if (factories != null) {
			factories.forEach(PersistenceUnits::closeFactory);
		}
		HandlerBeans found = this.handlerBeans;
		if (found != null && found.context() == context) {
			this.handlerBeans = null;
		}
	}

	private HandlerBeans handlerBeans(ConfigurableApplicationContext context) {
		HandlerBeans found = this.handlerBeans;
		if (found == null || found.context() != context) {
			found = HandlerBeans.of(context);
			this.handlerBeans = found;
		}
		return found;
	}

	/**
	 * Refuse versions defined in the generation's class loader that use classes an earlier
	 * bean-tier reload defined in a child class loader: they would see the generation's
	 * versions of those.
	 */
	private static void refuseChildLoaderReferences(Map<String, Map<String, byte[]>> nests, ClassLoader parent)
			throws NotReplaceableException {
		if (!(parent instanceof BeanClassLoader previous)) {
			return;
		}
		Set<String> inChildLoaders = new java.util.HashSet<>(previous.definedInChain());
		nests.values().forEach((nest) -> inChildLoaders.removeAll(nest.keySet()));
		for (Map.Entry<String, Map<String, byte[]>> nest : nests.entrySet()) {
			for (byte[] bytes : nest.getValue().values()) {
				for (String reference : ClassReferences.of(bytes)) {
					String className = reference.replace('/', '.');
					if (inChildLoaders.contains(className) && !previous.renamed().containsKey(className)) {
						throw new NotReplaceableException(nest.getKey() + " needs package-private access and uses "
								+ className + ", which an earlier bean-tier reload defined in a child class loader");
					}
				}
			}
		}
	}

	static Map<String, String> internal(Map<String, String> binaryNames) {
		Map<String, String> internal = new LinkedHashMap<>();
		binaryNames.forEach((name, newName) -> internal.put(name.replace('.', '/'), newName.replace('.', '/')));
		return internal;
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
