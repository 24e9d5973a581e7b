package dev.reloadhook.observe.leak;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a collection that unloads classes without stopping the application for one.
 * On G1 it asks for periodic concurrent cycles ({@code G1PeriodicGCInterval}, a flag
 * that can be set at run time) while it waits, and restores the flag afterwards: a
 * concurrent cycle pauses the application only for its short remark and cleanup, where
 * {@link System#gc()} would stop it for a full collection. Other collectors have no such
 * cycle: there one {@code System.gc()} is asked for, and the wait covers natural ones.
 * <p>
 * A concurrent cycle reclaims only what is already in the old generation: a canary still
 * young survives it. When no cycle has reclaimed the canary within the wait (a busy
 * young generation keeps it from aging), one {@code System.gc()} settles it: one full
 * collection per check at most, never several back to back.
 *
 * @author reload-hook
 */
final class ClassUnloadingCollections {

	private static final Log logger = LogFactory.getLog(ClassUnloadingCollections.class);

	private static final String PERIODIC = "G1PeriodicGCInterval";

	/** How often G1 is asked for a cycle while one is awaited, in milliseconds. */
	private static final String INTERVAL = "100";

	private final @Nullable HotSpotDiagnosticMXBean diagnostic = diagnostic();

	private boolean loggedFallback;

	/**
	 * Wait until a collection that unloads classes has run.
	 * @param timeout the longest wait
	 * @return whether one ran in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitClassUnloading(Duration timeout) throws InterruptedException {
		CollectionCanary canary = CollectionCanary.create();
		if (canary == null) {
			return false;
		}
		String restore = requestConcurrentCycles();
		try {
			if (restore == null) {
				fallBack();
			}
			if (await(canary, timeout)) {
				return true;
			}
			if (restore != null) {
				logger.debug("No concurrent cycle reclaimed the canary: one System.gc()");
				System.gc();
			}
			return await(canary, Duration.ofSeconds(5));
		}
		finally {
			if (restore != null) {
				setPeriodic(restore);
			}
		}
	}

	private static boolean await(CollectionCanary canary, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!canary.isCollected()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(50);
		}
		return true;
	}

	private void fallBack() {
		if (!this.loggedFallback) {
			this.loggedFallback = true;
			logger.info("Leak checks run one System.gc() per check: only G1's concurrent cycles can be asked for "
					+ "without a full pause");
		}
		System.gc();
	}

	/** Returns the flag's value to restore, or {@code null} when cycles cannot be asked for. */
	private @Nullable String requestConcurrentCycles() {
		if (this.diagnostic == null) {
			return null;
		}
		try {
			VMOption option = this.diagnostic.getVMOption(PERIODIC);
			if (!option.isWriteable()) {
				return null;
			}
			String value = option.getValue();
			if (!"0".equals(value)) {
				// Already periodic (set by the developer): left as it is.
				return value;
			}
			this.diagnostic.setVMOption(PERIODIC, INTERVAL);
			return value;
		}
		catch (RuntimeException ex) {
			// Not G1: no such flag.
			return null;
		}
	}

	private void setPeriodic(String value) {
		try {
			if (this.diagnostic != null && !value.equals(this.diagnostic.getVMOption(PERIODIC).getValue())) {
				this.diagnostic.setVMOption(PERIODIC, value);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot restore " + PERIODIC, ex);
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
