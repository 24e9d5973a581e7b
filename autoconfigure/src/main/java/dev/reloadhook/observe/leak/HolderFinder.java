package dev.reloadhook.observe.leak;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.reloadhook.observe.snapshot.ThreadState;
import dev.reloadhook.reload.cleanup.StaticFields;
import dev.reloadhook.reload.restart.GenerationOwnership;
import dev.reloadhook.reload.restart.RestartClassLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * Finds what likely keeps a closed generation reachable. It looks where leaks in
 * application code usually are, not at the whole heap: threads, JDBC drivers, shutdown
 * hooks, thread locals, MBeans, and static fields of classes outside the generation.
 *
 * @author reload-hook
 */
final class HolderFinder {

	private static final Log logger = LogFactory.getLog(HolderFinder.class);

	private final @Nullable Instrumentation instrumentation;

	private final JdkInternals internals;

	HolderFinder(@Nullable Instrumentation instrumentation) {
		this.instrumentation = instrumentation;
		this.internals = new JdkInternals(instrumentation);
	}

	List<LeakHolder> find(RestartClassLoader classLoader) {
		int generation = classLoader.getGeneration();
		List<LeakHolder> holders = new ArrayList<>();
		List<Thread> threads = GenerationOwnership.liveThreads();
		for (Thread thread : threads) {
			threadHolder(thread, classLoader).ifPresent(holders::add);
		}
		jdbcDrivers(generation, holders);
		shutdownHooks(generation, holders);
		for (Thread thread : threads) {
			threadLocals(thread, generation, holders);
		}
		mbeans(generation, holders);
		staticFields(generation, holders);
		return holders;
	}

	private java.util.Optional<LeakHolder> threadHolder(Thread thread, RestartClassLoader classLoader) {
		ThreadState state = ThreadState.of(thread);
		String how = null;
		if (Integer.valueOf(classLoader.getGeneration()).equals(state.generation())) {
			how = "class".equals(state.belongsBy()) ? "its class " + thread.getClass().getName()
					: "its context class loader";
		}
		else {
			for (StackTraceElement frame : thread.getStackTrace()) {
				if (classLoader.getName().equals(frame.getClassLoaderName())) {
					how = "code of the generation on its stack (" + frame.getClassName() + "." + frame.getMethodName() + ")";
					break;
				}
			}
		}
		if (how == null) {
			return java.util.Optional.empty();
		}
		boolean timer = "java.util.TimerThread".equals(thread.getClass().getName());
		return java.util.Optional.of(new LeakHolder(timer ? LeakHolder.Kind.TIMER : LeakHolder.Kind.THREAD,
				(timer ? "timer thread '" : "thread '") + thread.getName() + "' (" + thread.getState().name().toLowerCase()
						+ ", " + how + ")"));
	}

	private void jdbcDrivers(int generation, List<LeakHolder> holders) {
		Object registered = this.internals.read(java.sql.DriverManager.class, "registeredDrivers", null);
		if (registered instanceof Collection<?> infos) {
			for (Object info : infos) {
				Object driver = this.internals.read(info.getClass(), "driver", info);
				if (driver != null && belongs(driver.getClass(), generation)) {
					holders.add(new LeakHolder(LeakHolder.Kind.JDBC_DRIVER,
							"JDBC driver " + driver.getClass().getName() + " registered with DriverManager"));
				}
			}
		}
	}

	private void shutdownHooks(int generation, List<LeakHolder> holders) {
		Object hooks = this.internals.read("java.lang.ApplicationShutdownHooks", "hooks", null);
		if (hooks instanceof Map<?, ?> map) {
			for (Object hook : new ArrayList<>(map.keySet())) {
				if (hook instanceof Thread thread
						&& (belongs(thread.getClass(), generation) || belongs(thread.getContextClassLoader(), generation)
								|| belongs(this.internals.read(Thread.class, "target", thread), generation))) {
					holders.add(new LeakHolder(LeakHolder.Kind.SHUTDOWN_HOOK, "shutdown hook '" + thread.getName() + "'"));
				}
			}
		}
	}

	private void threadLocals(Thread thread, int generation, List<LeakHolder> holders) {
		for (String field : List.of("threadLocals", "inheritableThreadLocals")) {
			Object map = this.internals.read(Thread.class, field, thread);
			Object table = (map != null) ? this.internals.read(map.getClass(), "table", map) : null;
			if (table == null || !table.getClass().isArray()) {
				continue;
			}
			for (int i = 0; i < Array.getLength(table); i++) {
				Object entry = Array.get(table, i);
				if (entry == null) {
					continue;
				}
				Object key = ((Reference<?>) entry).get();
				Object value = this.internals.read(entry.getClass(), "value", entry);
				if (belongs(key, generation) || belongs(value, generation)) {
					holders.add(new LeakHolder(LeakHolder.Kind.THREAD_LOCAL,
							"thread local " + describe(key) + " on thread '" + thread.getName() + "' holding "
									+ describe(value)));
				}
			}
		}
	}

	private void mbeans(int generation, List<LeakHolder> holders) {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		for (ObjectName name : server.queryNames(null, null)) {
			try {
				if (belongs(server.getClassLoaderFor(name), generation)) {
					holders.add(new LeakHolder(LeakHolder.Kind.MBEAN, "MBean " + name));
				}
			}
			catch (javax.management.JMException | RuntimeException ex) {
				// Unregistered meanwhile.
				logger.debug("MBean unregistered while read", ex);
			}
		}
	}

	/**
	 * Look at every static field of the classes outside any generation, one level deep
	 * (the value itself, or the elements of a collection, map or array). Only classes of
	 * the class path and of unnamed modules are read: the JDK's own are out of reach.
	 */
	private void staticFields(int generation, List<LeakHolder> holders) {
		if (this.instrumentation == null) {
			return;
		}
		for (Class<?> type : this.instrumentation.getAllLoadedClasses()) {
			ClassLoader loader = type.getClassLoader();
			if (loader == null || RestartClassLoader.generationOf(loader) != 0 || type.isArray()
					|| type.getName().startsWith("dev.reloadhook.") || !type.getModule().isOpen(type.getPackageName(), HolderFinder.class.getModule())) {
				continue;
			}
			StaticFields.forEach(type, (field) -> true, (field, value) -> {
				Object held = heldBy(value, generation);
				if (held != null) {
					holders.add(new LeakHolder(LeakHolder.Kind.STATIC_FIELD,
							"static field " + type.getName() + "." + field.getName() + " holding " + describe(held)));
				}
			});
		}
	}

	private static @Nullable Object heldBy(@Nullable Object value, int generation) {
		if (value == null || value instanceof Reference<?> || value instanceof ConcurrentReferenceHashMap<?, ?>) {
			return null;
		}
		if (belongs(value, generation)) {
			return value;
		}
		try {
			if (value instanceof Map<?, ?> map) {
				// Weak keys (WeakHashMap, commons-logging's WeakHashtable) hold nothing;
				// their values do.
				boolean weakKeys = map.getClass().getSimpleName().contains("Weak");
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					if (!weakKeys && belongs(entry.getKey(), generation)) {
						return entry.getKey();
					}
					if (belongs(entry.getValue(), generation)) {
						return entry.getValue();
					}
				}
			}
			else if (value instanceof Collection<?> collection) {
				for (Object element : collection) {
					if (belongs(element, generation)) {
						return element;
					}
				}
			}
			else if (value instanceof Object[] array) {
				for (Object element : array) {
					if (belongs(element, generation)) {
						return element;
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// A collection changed while read: skip it.
			logger.debug("Collection changed while read; skipped", ex);
		}
		return null;
	}

	private static boolean belongs(@Nullable Object object, int generation) {
		if (object == null) {
			return false;
		}
		if (object instanceof ClassLoader loader) {
			return RestartClassLoader.generationOf(loader) == generation;
		}
		Class<?> type = (object instanceof Class<?> given) ? given : object.getClass();
		return RestartClassLoader.generationOf(type.getClassLoader()) == generation;
	}

	private static String describe(@Nullable Object object) {
		if (object == null) {
			return "null";
		}
		if (object instanceof Class<?> type) {
			return "class " + type.getName();
		}
		return "a " + object.getClass().getName();
	}

}
