package dev.reloadhook.retain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.reloadhook.reload.GenerationListener;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.Serving;
import dev.reloadhook.reload.restart.RestartClassLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jmx.export.MBeanExporter;
import org.springframework.jmx.export.naming.ObjectNamingStrategy;

/**
 * Keeps the MBeans of objects that outlive generations (the retained pool) registered.
 * With {@code spring.jmx.enabled=true} each generation's exporter registers such an object
 * again under the same name, and the closing generation's exporter then unregisters that
 * name, although the serving generation still has the object: it is registered again for
 * the serving generation once the old one has closed.
 *
 * @author reload-hook
 */
public final class RetainedMBeans implements GenerationListener {

	private static final Log logger = LogFactory.getLog(RetainedMBeans.class);

	private final Serving serving;

	/** By retiring generation: the shared objects whose MBeans were registered then. */
	private final Map<Integer, List<Shared>> retiring = new ConcurrentHashMap<>();

	/**
	 * Create the listener.
	 * @param serving which generation serves
	 */
	public RetainedMBeans(Serving serving) {
		this.serving = serving;
	}

	@Override
	public void retiring(ConfigurableApplicationContext context, ReloadRecord reload) {
		ConfigurableApplicationContext current = this.serving.servingContext();
		if (current == null || current == context) {
			return;
		}
		MBeanExporter exporter = exporter(current);
		ObjectNamingStrategy naming = single(current, ObjectNamingStrategy.class);
		if (exporter == null || naming == null || exporter.getServer() == null) {
			return;
		}
		List<Shared> shared = new ArrayList<>();
		ConfigurableListableBeanFactory retiringBeans = context.getBeanFactory();
		ConfigurableListableBeanFactory servingBeans = current.getBeanFactory();
		for (String name : retiringBeans.getSingletonNames()) {
			Object bean = retiringBeans.getSingleton(name);
			if (bean != null && bean == servingBeans.getSingleton(name)) {
				ObjectName objectName = objectName(naming, bean, name);
				if (objectName != null && exporter.getServer().isRegistered(objectName)) {
					shared.add(new Shared(bean, objectName));
				}
			}
		}
		if (!shared.isEmpty()) {
			// The bean class loader: the context's own answers the calling thread's here.
			this.retiring.put(RestartClassLoader.generationOf(retiringBeans.getBeanClassLoader()), shared);
		}
	}

	@Override
	public void closed(int generation) {
		List<Shared> shared = this.retiring.remove(generation);
		ConfigurableApplicationContext current = this.serving.servingContext();
		if (shared == null || current == null || !current.isActive()) {
			return;
		}
		MBeanExporter exporter = exporter(current);
		if (exporter == null || exporter.getServer() == null) {
			return;
		}
		MBeanServer server = exporter.getServer();
		for (Shared object : shared) {
			if (!server.isRegistered(object.name())) {
				try {
					exporter.registerManagedResource(object.bean(), object.name());
				}
				catch (RuntimeException ex) {
					logger.debug("Could not register " + object.name() + " again", ex);
				}
			}
		}
	}

	@Override
	public void discarded(int generation) {
		this.retiring.remove(generation);
	}

	private static @Nullable MBeanExporter exporter(ConfigurableApplicationContext context) {
		return single(context, MBeanExporter.class);
	}

	private static <T> @Nullable T single(ConfigurableApplicationContext context, Class<T> type) {
		Map<String, T> beans = context.getBeanFactory().getBeansOfType(type, false, false);
		return (beans.size() == 1) ? beans.values().iterator().next() : null;
	}

	private static @Nullable ObjectName objectName(ObjectNamingStrategy naming, Object bean, String name) {
		try {
			return naming.getObjectName(bean, name);
		}
		catch (Exception ex) {
			return null;
		}
	}

	private record Shared(Object bean, ObjectName name) {
	}

}
