package dev.reloadhook.retain;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Retention of HikariCP pools: the {@link RetentionStrategy} that Spring Boot's
 * auto-configured {@code dataSource} is retained with, and the example to follow for a
 * strategy of your own.
 *
 * @author reload-hook
 */
public final class HikariRetention implements RetentionStrategy<HikariDataSource> {

	private static final Log logger = LogFactory.getLog(HikariRetention.class);

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

	/**
	 * Start the new pool now when it connects to the same database as the one it replaces.
	 * An in-memory database (H2 without {@code DB_CLOSE_DELAY=-1}) lives only while a
	 * connection to it is open; a pool started lazily would connect only after the old one
	 * closed, to a new, empty database. A pool that cannot connect is left to start lazily,
	 * as it would without retention; the old one stays open until no generation uses it.
	 */
	@Override
	public void replacing(HikariDataSource previous, HikariDataSource replacement) {
		if (replacement.isClosed() || !Objects.equals(previous.getJdbcUrl(), replacement.getJdbcUrl())) {
			return;
		}
		try {
			// Starting the pool opens its first connection, which it keeps idle.
			replacement.getConnection().close();
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Failed to connect " + replacement.getPoolName() + " before " + previous.getPoolName()
					+ " closes: " + ex.getMessage());
		}
	}

	@Override
	public void close(HikariDataSource dataSource) {
		dataSource.close();
	}

}
