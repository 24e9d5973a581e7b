package dev.reloadhook.retain;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * Retention of HikariCP pools: the {@link RetentionStrategy} that Spring Boot's
 * auto-configured {@code dataSource} is retained with, and the example to follow for a
 * strategy of your own.
 *
 * @author reload-hook
 */
public final class HikariRetention implements RetentionStrategy<HikariDataSource> {

	@Override
	public Class<HikariDataSource> type() {
		return HikariDataSource.class;
	}

	@Override
	public Map<String, Object> describe(HikariDataSource dataSource) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("pool", dataSource.getPoolName());
		HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
		if (pool != null) {
			details.put("active", pool.getActiveConnections());
			details.put("idle", pool.getIdleConnections());
			details.put("total", pool.getTotalConnections());
		}
		details.put("closed", dataSource.isClosed());
		return details;
	}

	@Override
	public void close(HikariDataSource dataSource) {
		dataSource.close();
	}

}
