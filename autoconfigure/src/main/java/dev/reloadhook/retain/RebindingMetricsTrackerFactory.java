package dev.reloadhook.retain;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Hikari's metrics for a pool that outlives generations. A pool accepts its tracker
 * factory once, so this one stays and moves the {@code hikaricp.*} meters to each new
 * generation's registry, removing them from the old one.
 *
 * @author reload-hook
 */
final class RebindingMetricsTrackerFactory implements MetricsTrackerFactory {

	private volatile @Nullable String poolName;

	private volatile @Nullable PoolStats poolStats;

	private volatile @Nullable MeterRegistry registry;

	private final RebindingTracker tracker = new RebindingTracker();

	@Override
	public IMetricsTracker create(String poolName, PoolStats poolStats) {
		this.poolName = poolName;
		this.poolStats = poolStats;
		rebind();
		return this.tracker;
	}

	synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		rebind();
	}

	private synchronized void rebind() {
		String name = this.poolName;
		PoolStats stats = this.poolStats;
		MeterRegistry target = this.registry;
		if (name != null && stats != null && target != null) {
			this.tracker.replace(new MicrometerMetricsTrackerFactory(target).create(name, stats));
		}
	}

	private static final class RebindingTracker implements IMetricsTracker {

		private volatile IMetricsTracker delegate = new IMetricsTracker() {
		};

		void replace(IMetricsTracker replacement) {
			IMetricsTracker previous = this.delegate;
			this.delegate = replacement;
			previous.close();
		}

		@Override
		public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
			this.delegate.recordConnectionCreatedMillis(connectionCreatedMillis);
		}

		@Override
		public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
			this.delegate.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
		}

		@Override
		public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
			this.delegate.recordConnectionUsageMillis(elapsedBorrowedMillis);
		}

		@Override
		public void recordConnectionTimeout() {
			this.delegate.recordConnectionTimeout();
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

}
