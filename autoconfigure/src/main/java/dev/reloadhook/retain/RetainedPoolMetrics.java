package dev.reloadhook.retain;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Moves the {@code hikaricp.*} meters of a retained pool to the generation's registry.
 *
 * @author reload-hook
 */
public final class RetainedPoolMetrics implements MeterBinder {

	private final ObjectProvider<DataSource> dataSources;

	/**
	 * Create a binder for the generation's data sources.
	 * @param dataSources the data sources
	 */
	public RetainedPoolMetrics(ObjectProvider<DataSource> dataSources) {
		this.dataSources = dataSources;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.dataSources.stream().forEach((dataSource) -> {
			if (dataSource instanceof HikariDataSource hikari) {
				RebindingMetricsTrackerFactory metrics = DataSourceRetainer.metricsOf(hikari);
				if (metrics != null) {
					metrics.bindTo(registry);
				}
			}
		});
	}

}
