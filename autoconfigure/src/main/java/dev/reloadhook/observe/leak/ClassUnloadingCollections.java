package dev.reloadhook.observe.leak;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Waits for the garbage collector's own collections that unload classes, never forcing
 * one: a full {@link System#gc()} would stop the application for as long as it takes to
 * mark the whole heap. On G1 it asks for periodic concurrent cycles
 * ({@code G1PeriodicGCInterval}, a flag that can be set at run time) while it waits, and
 * restores the flag afterwards: a concurrent cycle pauses the application only for its
 * short young collection, remark and cleanup. Other collectors are left to run theirs
 * when they need to (ZGC and Shenandoah unload classes in every cycle).
 * <p>
 * The wait wakes at the end of each collection, told by the collectors' notifications
 * ({@link GarbageCollectionNotificationInfo}), and is bounded: when nothing came in time
 * the caller checks again later.
 *
 * @author reload-hook
 */
final class ClassUnloadingCollections {

	private static final Log logger = LogFactory.getLog(ClassUnloadingCollections.class);

	private static final String PERIODIC = "G1PeriodicGCInterval";

	/** How often G1 is asked for a cycle while one is awaited, in milliseconds. */
	private static final String INTERVAL = "100";

	/**
	 * The longest sleep between two looks: G1 tells about the young pause that starts a
	 * concurrent cycle, not about the remark that unloads classes.
	 */
	private static final long LOOK_MILLIS = 250;

	private final @Nullable HotSpotDiagnosticMXBean diagnostic = diagnostic();

	private final Object monitor = new Object();

	private final NotificationListener listener = this::collected;

	private boolean loggedNoCycles;

	/**
	 * Wait until the condition holds, looking at it after each collection.
	 * @param done the condition, such as "every canary was reclaimed"
	 * @param abandon when to stop waiting early (a reload started)
	 * @param timeout the longest wait
	 * @return whether the condition held in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean await(BooleanSupplier done, BooleanSupplier abandon, Duration timeout) throws InterruptedException {
		if (done.getAsBoolean()) {
			return true;
		}
		List<NotificationEmitter> emitters = listen();
		String restore = requestConcurrentCycles();
		try {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!done.getAsBoolean()) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || abandon.getAsBoolean()) {
					return false;
				}
				synchronized (this.monitor) {
					this.monitor.wait(Math.max(Math.min(left / 1_000_000, LOOK_MILLIS), 1));
				}
			}
			return true;
		}
		finally {
			if (restore != null) {
				setPeriodic(restore);
			}
			for (NotificationEmitter emitter : emitters) {
				try {
					emitter.removeNotificationListener(this.listener);
				}
				catch (ListenerNotFoundException ex) {
					// Never added: nothing to remove.
					logger.debug("No collection listener to remove from " + emitter, ex);
				}
			}
		}
	}

	private void collected(Notification notification, @Nullable Object handback) {
		if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			synchronized (this.monitor) {
				this.monitor.notifyAll();
			}
		}
	}

	private List<NotificationEmitter> listen() {
		List<NotificationEmitter> emitters = new ArrayList<>();
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this.listener, null, null);
				emitters.add(emitter);
			}
		}
		return emitters;
	}

	/** Returns the flag's value to restore, or {@code null} when cycles cannot be asked for. */
	private @Nullable String requestConcurrentCycles() {
		String value = periodic();
		if (value == null) {
			if (!this.loggedNoCycles) {
				this.loggedNoCycles = true;
				logger.info("Leak checks wait for the garbage collector's own collections that unload classes: "
						+ "only G1's concurrent cycles can be asked for without a full pause");
			}
			return null;
		}
		if (!"0".equals(value)) {
			// Already periodic (set by the developer): left as it is.
			return null;
		}
		setPeriodic(INTERVAL);
		return value;
	}

	private @Nullable String periodic() {
		try {
			VMOption option = (this.diagnostic != null) ? this.diagnostic.getVMOption(PERIODIC) : null;
			return (option != null && option.isWriteable()) ? option.getValue() : null;
		}
		catch (RuntimeException ex) {
			// Not G1: no such flag.
			return null;
		}
	}

	private void setPeriodic(String value) {
		try {
			if (this.diagnostic != null) {
				this.diagnostic.setVMOption(PERIODIC, value);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot set " + PERIODIC, ex);
		}
	}

	private static @Nullable HotSpotDiagnosticMXBean diagnostic() {
		try {
			return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

}
