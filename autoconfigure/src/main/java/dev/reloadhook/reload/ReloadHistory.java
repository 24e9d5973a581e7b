package dev.reloadhook.reload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The last reloads and the counts of all of them, safe for concurrent readers.
 *
 * @author reload-hook
 */
public final class ReloadHistory {

	private final Deque<ReloadRecord> records = new ArrayDeque<>();

	private final Map<ReloadOutcome, Long> counts = new EnumMap<>(ReloadOutcome.class);

	private final Map<String, long[]> timings = new java.util.HashMap<>();

	private long heldRequests;

	private volatile int size;

	/**
	 * Create a history.
	 * @param size how many records to keep
	 */
	public ReloadHistory(int size) {
		this.size = Math.max(size, 1);
	}

	/**
	 * Change how many records are kept.
	 * @param size the new size
	 */
	public void resize(int size) {
		this.size = Math.max(size, 1);
	}

	synchronized void add(ReloadRecord record) {
		this.records.addLast(record);
		while (this.records.size() > this.size) {
			this.records.removeFirst();
		}
		if (record.trigger().type() != ReloadTrigger.Type.STARTUP) {
			this.counts.merge(record.outcome(), 1L, Long::sum);
			long[] timing = this.timings.computeIfAbsent(key(record.tier(), record.outcome()), (key) -> new long[2]);
			timing[0]++;
			timing[1] += record.duration().toNanos();
			this.heldRequests += record.heldRequests();
		}
	}

	/**
	 * Forget the kept records. The counts and totals stay: meters read them, and a counter
	 * never goes back.
	 */
	public synchronized void clear() {
		this.records.clear();
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
	 * Return the durations of the kept reloads (the first start excluded), shortest first.
	 * @return the durations in nanoseconds
	 */
	public synchronized long[] sortedDurations() {
		return this.records.stream()
			.filter((record) -> record.trigger().type() != ReloadTrigger.Type.STARTUP)
			.mapToLong((record) -> record.duration().toNanos())
			.sorted()
			.toArray();
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
	 * Return how many reloads of the given tier ended with the given outcome.
	 * @param tier the tier
	 * @param outcome the outcome
	 * @return the count
	 */
	public synchronized long count(ReloadTier tier, ReloadOutcome outcome) {
		long[] timing = this.timings.get(key(tier, outcome));
		return (timing != null) ? timing[0] : 0;
	}

	/**
	 * Return the total time of the reloads of the given tier that ended with the given
	 * outcome.
	 * @param tier the tier
	 * @param outcome the outcome
	 * @return the total time in nanoseconds
	 */
	public synchronized long totalNanos(ReloadTier tier, ReloadOutcome outcome) {
		long[] timing = this.timings.get(key(tier, outcome));
		return (timing != null) ? timing[1] : 0;
	}

	private static String key(ReloadTier tier, ReloadOutcome outcome) {
		return tier + "/" + outcome;
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

}
