package dev.reloadhook.reload;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The last reloads, the counts and total times of all of them and the statistics of the
 * kept ones, safe for concurrent readers. The first start is kept but never counted.
 *
 * @author reload-hook
 */
public final class ReloadHistory {

	private final Deque<ReloadRecord> records = new ArrayDeque<>();

	private final Map<ReloadOutcome, Long> counts = new EnumMap<>(ReloadOutcome.class);

	private final Map<TierOutcome, Tally> tallies = new HashMap<>();

	private long heldRequests;

	private volatile int size;

	/**
	 * Create a history.
	 * @param size how many records to keep (at least one is)
	 */
	public ReloadHistory(int size) {
		this.size = Math.max(size, 1);
	}

	/**
	 * Change how many records are kept. The oldest ones beyond it go with the next record.
	 * @param size the new size (at least one is kept)
	 */
	public void resize(int size) {
		this.size = Math.max(size, 1);
	}

	synchronized void add(ReloadRecord record) {
		this.records.addLast(record);
		while (this.records.size() > this.size) {
			this.records.removeFirst();
		}
		if (counted(record)) {
			this.counts.merge(record.outcome(), 1L, Long::sum);
			this.tallies.computeIfAbsent(new TierOutcome(record.tier(), record.outcome()), (key) -> new Tally())
				.add(record.duration());
			this.heldRequests += record.heldRequests();
		}
	}

	/**
	 * Forget the kept records. The counts and totals stay: meters read them, and a counter
	 * never goes back.
	 * @return how many records were forgotten
	 */
	public synchronized int clear() {
		int cleared = this.records.size();
		this.records.clear();
		return cleared;
	}

	/**
	 * Return the kept record of the given reload.
	 * @param id the reload number
	 * @return the record, or {@code null} if it is not kept
	 */
	public synchronized @Nullable ReloadRecord record(long id) {
		return this.records.stream().filter((record) -> record.id() == id).findFirst().orElse(null);
	}

	/**
	 * Return the statistics of the durations of the kept reloads, the first start
	 * excluded.
	 * @return the durations
	 */
	public synchronized Durations durations() {
		long[] sorted = this.records.stream()
			.filter(ReloadHistory::counted)
			.mapToLong((record) -> record.duration().toNanos())
			.sorted()
			.toArray();
		return Durations.of(sorted);
	}

	/**
	 * Return how many requests reloads held until they completed, in all.
	 * @return the held request count
	 */
	public synchronized long heldRequests() {
		return this.heldRequests;
	}

	/**
	 * Return the kept records, oldest first.
	 * @return the records
	 */
	public synchronized List<ReloadRecord> records() {
		return new ArrayList<>(this.records);
	}

	/**
	 * Return the most recent record.
	 * @return the record, or {@code null} before the first start completed
	 */
	public synchronized @Nullable ReloadRecord last() {
		return this.records.peekLast();
	}

	/**
	 * Return how many reloads of the given tier ended with the given outcome, including
	 * those no longer kept.
	 * @param tier the tier
	 * @param outcome the outcome
	 * @return the count
	 */
	public synchronized long count(ReloadTier tier, ReloadOutcome outcome) {
		Tally tally = this.tallies.get(new TierOutcome(tier, outcome));
		return (tally != null) ? tally.count : 0;
	}

	/**
	 * Return the total time of the reloads of the given tier that ended with the given
	 * outcome, including those no longer kept.
	 * @param tier the tier
	 * @param outcome the outcome
	 * @return the total time in nanoseconds
	 */
	public synchronized long totalNanos(ReloadTier tier, ReloadOutcome outcome) {
		Tally tally = this.tallies.get(new TierOutcome(tier, outcome));
		return (tally != null) ? tally.nanos : 0;
	}

	/**
	 * Return how many reloads (the first start excluded) ended with the given outcome,
	 * including those no longer kept.
	 * @param outcome the outcome
	 * @return the count
	 */
	public synchronized long count(ReloadOutcome outcome) {
		return this.counts.getOrDefault(outcome, 0L);
	}

	/**
	 * Whether a record counts in the totals and statistics: the first start is no reload.
	 */
	private static boolean counted(ReloadRecord record) {
		return record.trigger().type() != ReloadTrigger.Type.STARTUP;
	}

	/**
	 * The durations of the kept reloads. Percentiles are nearest-rank: each is a duration
	 * that really occurred, never an interpolation.
	 *
	 * @param count how many reloads were measured
	 * @param median the median ({@link Duration#ZERO} when none was)
	 * @param p95 the 95th percentile ({@link Duration#ZERO} when none was)
	 * @param max the longest ({@link Duration#ZERO} when none was)
	 */
	public record Durations(int count, Duration median, Duration p95, Duration max) {

		/**
		 * No reload measured.
		 */
		public static final Durations NONE = new Durations(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

		static Durations of(long[] sortedNanos) {
			if (sortedNanos.length == 0) {
				return NONE;
			}
			return new Durations(sortedNanos.length, percentile(sortedNanos, 50), percentile(sortedNanos, 95),
					Duration.ofNanos(sortedNanos[sortedNanos.length - 1]));
		}

		private static Duration percentile(long[] sortedNanos, int percent) {
			int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
			return Duration.ofNanos(sortedNanos[Math.max(rank, 1) - 1]);
		}

	}

	private record TierOutcome(ReloadTier tier, ReloadOutcome outcome) {
	}

	private static final class Tally {

		private long count;

		private long nanos;

		void add(Duration duration) {
			this.count++;
			this.nanos += duration.toNanos();
		}

	}

}
