package dev.reloadhook.serve.netty;

import java.util.concurrent.ThreadFactory;

import dev.reloadhook.reload.restart.BaseContext;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.ClassUtils;

/**
 * Makes Reactor's shared schedulers ({@code parallel}, {@code boundedElastic},
 * {@code single}) create their threads in the {@link BaseContext}. They live for the JVM,
 * but create each worker thread lazily, from whichever thread first schedules work on it:
 * a thread created from a generation's code would keep that generation from ever being
 * collected (through its context class loader and inherited access control context).
 *
 * @author reload-hook
 */
public final class ReactorThreads {

	private static final String SCHEDULERS = "reactor.core.scheduler.Schedulers";

	private ReactorThreads() {
	}

	/**
	 * Install the scheduler factory if Reactor is on the class path; call before the first
	 * generation starts.
	 * @param classLoader the base class loader
	 */
	public static void createInBaseContext(ClassLoader classLoader) {
		if (ClassUtils.isPresent(SCHEDULERS, classLoader)) {
			Installer.install();
		}
	}

	private static ThreadFactory inBaseContext(ThreadFactory factory) {
		return (runnable) -> {
			Thread[] created = new Thread[1];
			BaseContext.run(() -> created[0] = factory.newThread(runnable));
			return created[0];
		};
	}

	/** Loaded only when Reactor is present. */
	private static final class Installer {

		static void install() {
			BaseContext.run(Installer::setFactory);
		}

		private static void setFactory() {
			Schedulers.setFactory(new Schedulers.Factory() {

				@Override
				public Scheduler newBoundedElastic(int threadCap, int queuedTaskCap, ThreadFactory threadFactory,
						int ttlSeconds) {
					return Schedulers.Factory.super.newBoundedElastic(threadCap, queuedTaskCap,
							inBaseContext(threadFactory), ttlSeconds);
				}

				@Override
				public Scheduler newThreadPerTaskBoundedElastic(int threadCap, int queuedTaskCap,
						ThreadFactory threadFactory) {
					return Schedulers.Factory.super.newThreadPerTaskBoundedElastic(threadCap, queuedTaskCap,
							inBaseContext(threadFactory));
				}

				@Override
				public Scheduler newParallel(int parallelism, ThreadFactory threadFactory) {
					return Schedulers.Factory.super.newParallel(parallelism, inBaseContext(threadFactory));
				}

				@Override
				public Scheduler newSingle(ThreadFactory threadFactory) {
					return Schedulers.Factory.super.newSingle(inBaseContext(threadFactory));
				}

			});
			// Its evictor thread comes from a thread factory of its own: start it now.
			Schedulers.boundedElastic();
		}

	}

}
