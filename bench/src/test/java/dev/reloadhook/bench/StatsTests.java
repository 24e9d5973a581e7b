package dev.reloadhook.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTests {

	@Test
	void medianOfOddAndEvenSamples() {
		assertThat(Stats.of(5, 1, 3).median()).isEqualTo(3);
		assertThat(Stats.of(4, 1, 3, 2).median()).isEqualTo(2.5);
		assertThat(Stats.of().median()).isNaN();
	}

	@Test
	void nearestRankPercentiles() {
		double[] values = new double[100];
		for (int i = 0; i < 100; i++) {
			values[i] = 100 - i;
		}
		Stats stats = Stats.of(values);
		assertThat(stats.percentile(50)).isEqualTo(50);
		assertThat(stats.percentile(99)).isEqualTo(99);
		assertThat(stats.percentile(100)).isEqualTo(100);
		assertThat(stats.min()).isEqualTo(1);
		assertThat(stats.max()).isEqualTo(100);
		assertThat(Stats.of(7).percentile(99)).isEqualTo(7);
	}

	@Test
	void ratios() {
		assertThat(Report.ratio(1, 4)).isEqualTo("0.25×");
		assertThat(Report.ratio(0, 0)).isEqualTo("=");
		assertThat(Report.ratio(3, 0)).isEqualTo("∞");
		assertThat(Report.ratio(Double.NaN, 1)).isEqualTo("–");
	}

}
