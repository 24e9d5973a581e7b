package dev.reloadhook.reload;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReloadHistory}: what it keeps, what it counts and its statistics.
 */
class ReloadHistoryTests {

	@Test
	void keepsTheLastRecordsUpToItsSize() {
		ReloadHistory history = new ReloadHistory(3);
		for (int i = 0; i < 5; i++) {
			restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(10));
		}
		assertThat(history.records()).extracting(ReloadRecord::id).containsExactly(3L, 4L, 5L);
		assertThat(history.last().id()).isEqualTo(5);
		assertThat(history.record(4)).isNotNull().extracting(ReloadRecord::id).isEqualTo(4L);
		assertThat(history.record(2)).isNull();
		assertThat(history.record(6)).isNull();
	}

	@Test
	void keepsAtLeastOneRecord() {
		ReloadHistory history = new ReloadHistory(0);
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(10));
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(10));
		assertThat(history.records()).extracting(ReloadRecord::id).containsExactly(2L);
		history.resize(-1);
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(10));
		assertThat(history.records()).extracting(ReloadRecord::id).containsExactly(3L);
	}

	@Test
	void isEmptyBeforeTheFirstRecord() {
		ReloadHistory history = new ReloadHistory(10);
		assertThat(history.records()).isEmpty();
		assertThat(history.last()).isNull();
		assertThat(history.durations()).isEqualTo(ReloadHistory.Durations.NONE);
		assertThat(history.count(ReloadOutcome.SUCCESS)).isZero();
		assertThat(history.count(ReloadTier.RESTART, ReloadOutcome.SUCCESS)).isZero();
		assertThat(history.totalNanos(ReloadTier.RESTART, ReloadOutcome.SUCCESS)).isZero();
		assertThat(history.heldRequests()).isZero();
	}

	@Test
	void resizingDropsTheOldestWithTheNextRecord() {
		ReloadHistory history = new ReloadHistory(5);
		for (int i = 0; i < 4; i++) {
			restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(10));
		}
		history.resize(2);
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(10));
		assertThat(history.records()).extracting(ReloadRecord::id).containsExactly(4L, 5L);
	}

	@Test
	void countsEveryReloadByTierAndOutcomeButNotTheFirstStart() {
		ReloadHistory history = new ReloadHistory(2);
		RecordedReloads.record(history, ReloadTrigger.startup(System.nanoTime()), ReloadTier.RESTART, ReloadOutcome.SUCCESS,
				Duration.ofSeconds(3), 4);
		RecordedReloads.record(history, ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.SUCCESS,
				Duration.ofMillis(400), 2);
		RecordedReloads.record(history, ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.SUCCESS,
				Duration.ofMillis(600), 1);
		RecordedReloads.record(history, ReloadTrigger.manual(ReloadTier.HOTSWAP), ReloadTier.HOTSWAP,
				ReloadOutcome.SUCCESS, Duration.ofMillis(20), 0);
		RecordedReloads.record(history, ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.FAILURE,
				Duration.ofMillis(700), 0);
		// Only two are kept; all four reloads are counted.
		assertThat(history.records()).hasSize(2);
		assertThat(history.count(ReloadOutcome.SUCCESS)).isEqualTo(3);
		assertThat(history.count(ReloadOutcome.FAILURE)).isEqualTo(1);
		assertThat(history.count(ReloadTier.RESTART, ReloadOutcome.SUCCESS)).isEqualTo(2);
		assertThat(history.totalNanos(ReloadTier.RESTART, ReloadOutcome.SUCCESS))
			.isEqualTo(Duration.ofMillis(1000).toNanos());
		assertThat(history.count(ReloadTier.HOTSWAP, ReloadOutcome.SUCCESS)).isEqualTo(1);
		assertThat(history.totalNanos(ReloadTier.HOTSWAP, ReloadOutcome.SUCCESS))
			.isEqualTo(Duration.ofMillis(20).toNanos());
		assertThat(history.count(ReloadTier.RESTART, ReloadOutcome.FAILURE)).isEqualTo(1);
		assertThat(history.count(ReloadTier.BEAN, ReloadOutcome.SUCCESS)).isZero();
		assertThat(history.count(ReloadTier.HOTSWAP, ReloadOutcome.FAILURE)).isZero();
		assertThat(history.heldRequests()).isEqualTo(3);
	}

	@Test
	void clearingForgetsTheRecordsAndTheirStatisticsButKeepsTheCounts() {
		ReloadHistory history = new ReloadHistory(10);
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(300));
		restart(history, ReloadOutcome.FAILURE, Duration.ofMillis(500));
		assertThat(history.clear()).isEqualTo(2);
		assertThat(history.records()).isEmpty();
		assertThat(history.last()).isNull();
		assertThat(history.durations()).isEqualTo(ReloadHistory.Durations.NONE);
		assertThat(history.count(ReloadOutcome.SUCCESS)).isEqualTo(1);
		assertThat(history.count(ReloadOutcome.FAILURE)).isEqualTo(1);
		assertThat(history.totalNanos(ReloadTier.RESTART, ReloadOutcome.FAILURE))
			.isEqualTo(Duration.ofMillis(500).toNanos());
		assertThat(history.clear()).isZero();
		// Reload numbers come from the coordinator: a record after clearing is kept as given.
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(100));
		assertThat(history.records()).hasSize(1);
		assertThat(history.durations().count()).isEqualTo(1);
	}

	@Test
	void durationsAreNearestRankPercentilesThatReallyOccurred() {
		ReloadHistory history = new ReloadHistory(100);
		// 1..20 ms, shuffled: the median is the 10th (10 ms), the 95th percentile the 19th.
		LongStream.of(7, 3, 20, 1, 15, 9, 12, 18, 2, 11, 5, 14, 19, 4, 16, 8, 13, 6, 17, 10)
			.forEach((millis) -> restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(millis)));
		assertThat(history.durations()).isEqualTo(
				new ReloadHistory.Durations(20, Duration.ofMillis(10), Duration.ofMillis(19), Duration.ofMillis(20)));
	}

	@Test
	void durationsOfFewReloadsAreAmongThem() {
		ReloadHistory history = new ReloadHistory(100);
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(50));
		assertThat(history.durations()).isEqualTo(
				new ReloadHistory.Durations(1, Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50)));
		restart(history, ReloadOutcome.FAILURE, Duration.ofMillis(10));
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(30));
		// 10, 30, 50: the median is the 2nd, the 95th percentile the 3rd.
		assertThat(history.durations()).isEqualTo(
				new ReloadHistory.Durations(3, Duration.ofMillis(30), Duration.ofMillis(50), Duration.ofMillis(50)));
	}

	@Test
	void durationsCoverTheKeptReloadsWithoutTheFirstStart() {
		ReloadHistory history = new ReloadHistory(3);
		RecordedReloads.record(history, ReloadTrigger.startup(System.nanoTime()), ReloadTier.RESTART, ReloadOutcome.SUCCESS,
				Duration.ofSeconds(5), 0);
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(900));
		assertThat(history.durations().max()).isEqualTo(Duration.ofMillis(900));
		assertThat(history.durations().count()).isEqualTo(1);
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(20));
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(40));
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(60));
		// The 900 ms reload is no longer kept.
		assertThat(history.durations()).isEqualTo(
				new ReloadHistory.Durations(3, Duration.ofMillis(40), Duration.ofMillis(60), Duration.ofMillis(60)));
	}

	@Test
	void recordsAreReturnedAsACopy() {
		ReloadHistory history = new ReloadHistory(10);
		ReloadRecord first = restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(10));
		List<ReloadRecord> records = history.records();
		restart(history, ReloadOutcome.SUCCESS, Duration.ofMillis(10));
		assertThat(records).containsExactly(first);
		assertThat(history.records()).hasSize(2);
	}

	private static ReloadRecord restart(ReloadHistory history, ReloadOutcome outcome, Duration duration) {
		return RecordedReloads.record(history, ReloadTrigger.manual(), ReloadTier.RESTART, outcome, duration, 0);
	}

}
