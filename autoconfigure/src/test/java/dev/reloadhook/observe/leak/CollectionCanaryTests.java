package dev.reloadhook.observe.leak;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link CollectionCanary} with {@link ClassUnloadingCollections}: a canary is
 * seen collected by G1's concurrent cycles even while it is looked at all the time (the
 * endpoint and the dashboard ask which generations are still reachable every second, the
 * leak check after every collection).
 */
class CollectionCanaryTests {

	@Test
	void canaryLookedAtEveryMillisecondIsCollectedByConcurrentCycles() throws Exception {
		assumeThat(ManagementFactory.getGarbageCollectorMXBeans()).extracting(GarbageCollectorMXBean::getName)
			.as("G1 is the collector")
			.anyMatch((name) -> name.startsWith("G1"));
		// Live data that makes each concurrent marking take a good part of the interval at
		// which G1 is asked for one: a look at the canary then nearly always falls inside a
		// marking, and one that keeps the canary alive for that cycle keeps it alive for ever.
		Object[] ballast = new Object[200_000];
		for (int i = 0; i < ballast.length; i++) {
			ballast[i] = new byte[1024];
		}
		CollectionCanary canary = CollectionCanary.create();
		assertThat(canary).isNotNull();
		AtomicBoolean looking = new AtomicBoolean(true);
		Thread looker = new Thread(() -> {
			while (looking.get() && !canary.isCollected()) {
				LockSupport.parkNanos(1_000_000);
			}
		}, "canary-looker");
		looker.start();
		try {
			boolean collected = new ClassUnloadingCollections().await(canary::isCollected, () -> false,
					Duration.ofSeconds(60));
			assertThat(collected).as("canary collected by a concurrent cycle within 60 s").isTrue();
		}
		finally {
			looking.set(false);
			looker.join();
		}
		assertThat(ballast).hasSize(200_000);
	}

}
