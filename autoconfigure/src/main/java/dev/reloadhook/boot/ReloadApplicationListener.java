package dev.reloadhook.boot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.reloadhook.compile.CompilerSettings;
import dev.reloadhook.compile.MavenModules;
import dev.reloadhook.compile.SourceChange;
import dev.reloadhook.compile.SourceCompiler;
import dev.reloadhook.compile.SourceMode;
import dev.reloadhook.compile.SourceRoots;
import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.ReloadRequests;
import dev.reloadhook.reload.RequestedTier;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.reload.restart.MainMethod;
import dev.reloadhook.reload.restart.RestartClassLoader;
import dev.reloadhook.serve.netty.ReactorNettyDefaults;
import dev.reloadhook.serve.netty.ReactorThreads;
import dev.reloadhook.watch.ChangeSet;
import dev.reloadhook.watch.ChangedFile;
import dev.reloadhook.watch.ClassDirectoryWatcher;
import dev.reloadhook.watch.WatchOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Starts reloading for the first application of the JVM, and tells the runtime about
 * each generation's lifecycle. Runs right after logging is initialized, so that
 * {@code reload-hook.*} settings from {@code application.properties} apply and the
 * decision is logged where the user looks.
 *
 * @author reload-hook
 */
public final class ReloadApplicationListener implements GenericApplicationListener {

	private static final Log logger = LogFactory.getLog(ReloadApplicationListener.class);

	/** Only the first application of the JVM decides, once. */
	private static final AtomicBoolean decided = new AtomicBoolean();

	private static final List<Class<?>> EVENT_TYPES = List.of(ApplicationEnvironmentPreparedEvent.class,
			ApplicationContextInitializedEvent.class, ApplicationPreparedEvent.class, ApplicationReadyEvent.class, ApplicationFailedEvent.class,
			ContextClosedEvent.class);

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.getRawClass();
		return type != null && EVENT_TYPES.stream().anyMatch((candidate) -> candidate.isAssignableFrom(type));
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		int generation = RestartClassLoader.generationOf(Thread.currentThread().getContextClassLoader());
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared && generation == 0) {
			start(prepared);
			return;
		}
		ReloadRuntime runtime = ReloadRuntime.current();
		if (runtime == null) {
			return;
		}
		if (event instanceof ContextClosedEvent closed) {
			runtime.closed(closed.getApplicationContext());
		}
		else if (event instanceof ApplicationContextInitializedEvent initialized) {
			ConfigurableApplicationContext context = initialized.getApplicationContext();
			runtime.retention().initialize(context, RestartClassLoader.generationOf(context.getClassLoader()));
			if (context.getClassLoader() instanceof RestartClassLoader generationClassLoader) {
				runtime.warmStart().initialize(context, generationClassLoader::hasOwnResource);
			}
		}
		else if (generation > 0) {
			onGenerationEvent(runtime, generation, event);
		}
	}

	private void onGenerationEvent(ReloadRuntime runtime, int generation, ApplicationEvent event) {
		if (event instanceof ApplicationPreparedEvent prepared) {
			runtime.lifecycle().prepared(generation, prepared.getApplicationContext());
		}
		else if (event instanceof ApplicationReadyEvent ready) {
			// The generation takes traffic once Boot has finished starting it, see
			// GenerationReadyRunListener.
			runtime.updateProperties(bind(ready.getApplicationContext().getEnvironment()));
		}
		else if (event instanceof ApplicationFailedEvent failed) {
			runtime.lifecycle().failed(generation, failed.getException());
		}
	}

	/**
	 * Let the next application of this JVM decide again, as if it were the first: for
	 * tests, which start several in one JVM.
	 */
	static void forgetDecision() {
		decided.set(false);
	}

	private void start(ApplicationEnvironmentPreparedEvent event) {
		if (ReloadRuntime.current() != null || !decided.compareAndSet(false, true)) {
			return;
		}
		ReloadHookProperties properties = bind(event.getEnvironment());
		ReloadEnablement enablement = ReloadEnablement.decide(properties, System.getProperty("java.class.path", ""));
		MainMethod mainMethod = enablement.mainMethod();
		if (!enablement.isOn() || mainMethod == null) {
			logger.info("reload-hook is off: " + enablement.offReason());
			if (DevToolsHandOver.tookOver()) {
				logger.warn("spring-boot-devtools' restarter was switched off at start for reload-hook, which is off: "
						+ "nothing restarts the application (set " + DevToolsHandOver.CHOICE + "="
						+ DevToolsHandOver.PREFER_DEVTOOLS + " as a system property or in application.properties)");
			}
			return;
		}
		ReloadRuntime runtime = new ReloadRuntime(mainMethod, event.getArgs(), enablement.classDirectories(),
				properties);
		ReloadRequests reloads = runtime.coordinator();
		List<java.nio.file.Path> watched = new java.util.ArrayList<>(enablement.classDirectories().paths());
		properties.getWatch()
			.getAdditionalPaths()
			.forEach((path) -> watched.add(path.toAbsolutePath().normalize()));
		ClassDirectoryWatcher watcher = new ClassDirectoryWatcher(watched,
				properties.getWatch().getQuietPeriod(), WatchExcludes.of(properties),
				(changeSet) -> reloads.requestReload(trigger(changeSet)), watchOptions(properties));
		runtime.onShutdown(watcher::close);
		if (properties.getSource().isEnabled()) {
			startSourceMode(runtime, enablement, properties, watcher);
		}
		logger.info("reload-hook is on: watching " + watched + " (" + watcher.detection() + ")");
		MavenModules.installedModules(enablement.classDirectories().paths(), System.getProperty("java.class.path", ""))
			.forEach(logger::info);
		if (DevToolsHandOver.tookOver()) {
			logger.info("reload-hook takes over restarts from spring-boot-devtools: its restarter is off, LiveReload "
					+ "and its other features stay on (set " + DevToolsHandOver.CHOICE + "="
					+ DevToolsHandOver.PREFER_DEVTOOLS + " to let DevTools restart instead)");
		}
		ReactorThreads.createInBaseContext(ReloadApplicationListener.class.getClassLoader());
		ReactorNettyDefaults.apply();
		runtime.start();
		watcher.start();
		// The first generation now runs on its own thread, in its own class loader.
		throw SilentExit.exitCurrentThread();
	}

	private static void startSourceMode(ReloadRuntime runtime, ReloadEnablement enablement,
			ReloadHookProperties properties, ClassDirectoryWatcher watcher) {
		String classPath = System.getProperty("java.class.path", "");
		for (java.nio.file.Path classes : enablement.classDirectories().paths()) {
			SourceRoots roots = SourceRoots.of(classes);
			if (roots != null) {
				CompilerSettings settings = CompilerSettings.of(roots);
				SourceCompiler compiler = new SourceCompiler(roots, classPath, settings);
				SourceMode sourceMode = new SourceMode(roots, compiler, properties.getWatch().getQuietPeriod(), watcher,
						(change) -> runtime.coordinator().compiled(trigger(change), change.errors()));
				runtime.onShutdown(sourceMode::close);
				sourceMode.start();
				logger.info("reload-hook compiles changed sources of " + roots.java() + " with " + compiler.options()
						+ " (from " + settings.origin() + ")");
			}
		}
	}

	/**
	 * The trigger of a burst of saves: the class directory files source mode wrote (or,
	 * after errors, the saved files), counted from the first save, compile time included.
	 */
	private static ReloadTrigger trigger(SourceChange change) {
		long sinceFirstSave = Duration.between(change.firstSave(), Instant.now()).toNanos();
		List<ChangedFile> files = change.errors().isEmpty() ? change.written() : change.saved();
		return new ReloadTrigger(ReloadTrigger.Type.FILES, files, Duration.between(change.firstSave(), change.detected()),
				RequestedTier.FROM_CHANGES, change.compilation(), System.nanoTime() - sinceFirstSave);
	}

	private static ReloadTrigger trigger(ChangeSet changeSet) {
		return ReloadTrigger.files(changeSet.files(), Duration.between(changeSet.firstChange(), Instant.now()));
	}

	static ReloadHookProperties bind(@Nullable Environment environment) {
		if (environment == null) {
			return new ReloadHookProperties();
		}
		return Binder.get(environment).bindOrCreate("reload-hook", ReloadHookProperties.class);
	}
	private static WatchOptions watchOptions(ReloadHookProperties properties) {
		ReloadHookProperties.Watch watch = properties.getWatch();
		return new WatchOptions(watch.getPollInterval(), true, watch.getTriggerFile());
	}


}
