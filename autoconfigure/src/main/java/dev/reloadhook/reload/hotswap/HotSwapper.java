package dev.reloadhook.reload.hotswap;

import java.io.IOException;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.reloadhook.classify.ClassChange;
import dev.reloadhook.reload.HotSwapAvailability;
import dev.reloadhook.reload.restart.RestartClassLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Redefines classes of the serving generation in place. The {@link Instrumentation} comes
 * from a Java agent given on the command line or, failing that, from Byte Buddy's agent
 * attached at startup (in the background: attaching starts a helper process).
 *
 * @author reload-hook
 */
public final class HotSwapper implements HotSwapAvailability {

	private static final Log logger = LogFactory.getLog(HotSwapper.class);

	private static final String BYTE_BUDDY_AGENT = "net.bytebuddy.agent.ByteBuddyAgent";

	private final CompletableFuture<@Nullable Instrumentation> instrumentation = new CompletableFuture<>();

	private volatile @Nullable String unavailableReason;

	private final DebuggerDetector debuggerDetector = new DebuggerDetector();

	private volatile @Nullable DebuggerRedefiner debuggerRedefiner;

	/**
	 * Obtain the instrumentation; call once, off the startup path.
	 */
	public void initialize() {
		try {
			if (!ClassUtils.isPresent(BYTE_BUDDY_AGENT, HotSwapper.class.getClassLoader())) {
				unavailable("byte-buddy-agent is not on the class path");
				return;
			}
			Instrumentation installed = net.bytebuddy.agent.ByteBuddyAgent.install();
			if (!installed.isRedefineClassesSupported()) {
				unavailable("this JVM does not support class redefinition");
				return;
			}
			this.instrumentation.complete(installed);
		}
		catch (RuntimeException | LinkageError ex) {
			unavailable("no agent could be attached (" + ex.getMessage()
					+ "); start the JVM with -javaagent:<path to byte-buddy-agent.jar>");
		}
	}

	private void unavailable(String reason) {
		this.unavailableReason = reason;
		logger.info("Hot swap is off, reloads restart: " + reason);
		this.instrumentation.complete(null);
	}

	/**
	 * Return the instrumentation, waiting for it to be obtained.
	 * @return the instrumentation, or {@code null} if none could be obtained
	 */
	public @Nullable Instrumentation instrumentation() {
		return this.instrumentation.join();
	}

	/**
	 * Return the instrumentation if it has been obtained by now, without waiting.
	 * @return the instrumentation, or {@code null}
	 */
	public @Nullable Instrumentation instrumentationIfReady() {
		return this.instrumentation.getNow(null);
	}

	/**
	 * Return why hot swap is not available.
	 * @return the reason, or {@code null} when it is
	 */
	@Override
	public @Nullable String unavailableReason() {
		this.instrumentation.join();
		return this.unavailableReason;
	}

	/**
	 * Redefine through the given redefiner whenever a debugger is connected through it.
	 * @param redefiner the redefiner (the debug relay)
	 */
	public void useDebuggerRedefiner(DebuggerRedefiner redefiner) {
		this.debuggerRedefiner = redefiner;
	}

	/**
	 * Return whether a debugger is attached straight to this JVM (not through the debug
	 * relay): hot swap would silently drop its breakpoints.
	 * @return whether a debugger is attached
	 */
	@Override
	public boolean isDebuggerAttached() {
		if (debuggerConnectedThroughRelay() != null) {
			return false;
		}
		Instrumentation instrumentation = instrumentation();
		return instrumentation != null && this.debuggerDetector.isDebuggerAttached(instrumentation);
	}

	private @Nullable DebuggerRedefiner debuggerConnectedThroughRelay() {
		DebuggerRedefiner redefiner = this.debuggerRedefiner;
		return (redefiner != null && redefiner.isDebuggerConnected()) ? redefiner : null;
	}

	/**
	 * Redefine the given classes in the serving generation. Classes it has not loaded yet
	 * are left alone: they load the new bytes when first used.
	 * @param classLoader the serving generation's class loader
	 * @param changes the changed classes
	 * @return the names of the classes redefined
	 * @throws HotSwapException if redefinition was refused; nothing was changed then
	 */
	public List<String> redefine(RestartClassLoader classLoader, List<ClassChange> changes) throws HotSwapException {
		Instrumentation instrumentation = instrumentation();
		if (instrumentation == null) {
			throw new HotSwapException(String.valueOf(this.unavailableReason), null);
		}
		List<ClassDefinition> definitions = new ArrayList<>();
		Map<String, byte[]> classes = new LinkedHashMap<>();
		for (ClassChange change : changes) {
			Class<?> loaded = classLoader.loadedClass(change.className());
			if (loaded != null) {
				definitions.add(new ClassDefinition(loaded, change.bytes()));
				classes.put(change.className(), change.bytes());
			}
		}
		List<String> names = List.copyOf(classes.keySet());
		if (definitions.isEmpty()) {
			return names;
		}
		DebuggerRedefiner relay = debuggerConnectedThroughRelay();
		if (relay != null) {
			// Through the debugger's connection: the relay arms its breakpoints again.
			try {
				relay.redefine(classLoader.getGeneration(), classes);
				return names;
			}
			catch (IOException ex) {
				throw new HotSwapException("the debug relay could not redefine: " + ex.getMessage(), ex);
			}
		}
		try {
			// All at once: the JVM applies all or none.
			instrumentation.redefineClasses(definitions.toArray(ClassDefinition[]::new));
			return names;
		}
		catch (ClassNotFoundException | UnmodifiableClassException | RuntimeException | LinkageError ex) {
			throw new HotSwapException(ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Thrown when the JVM refuses a redefinition.
	 */
	public static final class HotSwapException extends Exception {

		HotSwapException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
