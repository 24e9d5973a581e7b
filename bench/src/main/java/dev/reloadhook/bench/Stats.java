package dev.reloadhook.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Order statistics of a sample.
 */
final class Stats {

	private final double[] sorted;

	private Stats(double[] values) {
		this.sorted = values.clone();
		Arrays.sort(this.sorted);
	}

	static Stats of(double... values) {
		return new Stats(values);
	}

	static Stats of(Collection<? extends Number> values) {
		return new Stats(values.stream().mapToDouble(Number::doubleValue).toArray());
	}

	int count() {
		return this.sorted.length;
	}

	boolean isEmpty() {
		return this.sorted.length == 0;
	}

	double min() {
		return isEmpty() ? Double.NaN : this.sorted[0];
	}

	double max() {
		return isEmpty() ? Double.NaN : this.sorted[this.sorted.length - 1];
	}

	double sum() {
		return Arrays.stream(this.sorted).sum();
	}

	/**
	 * The median: the middle value, or the mean of the two middle values.
	 */
	double median() {
		int n = this.sorted.length;
		if (n == 0) {
			return Double.NaN;
		}
		return (n % 2 == 1) ? this.sorted[n / 2] : (this.sorted[n / 2 - 1] + this.sorted[n / 2]) / 2;
	}

	/**
	 * A percentile by the nearest-rank method: the smallest value with at least
	 * {@code p}% of the sample at or below it.
	 */
	double percentile(double p) {
		int n = this.sorted.length;
		if (n == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(p / 100.0 * n);
		return this.sorted[Math.min(n, Math.max(1, rank)) - 1];
	}

}
