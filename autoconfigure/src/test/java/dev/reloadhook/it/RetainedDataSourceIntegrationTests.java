package dev.reloadhook.it;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Boot's auto-configured HikariCP pool outlives generations while its
 * configuration is unchanged: same pool, same physical connections, same in-memory data.
 */
class RetainedDataSourceIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	private static final String NOTES = """
			package app;

			@org.springframework.web.bind.annotation.RestController
			public class Notes {

				private final org.springframework.jdbc.core.JdbcTemplate jdbc;

				public Notes(org.springframework.jdbc.core.JdbcTemplate jdbc) {
					this.jdbc = jdbc;
				}

				@org.springframework.web.bind.annotation.PostMapping("/notes")
				public int add(@org.springframework.web.bind.annotation.RequestParam String text) {
					return this.jdbc.update("INSERT INTO note (text) VALUES (?)", text);
				}

				@org.springframework.web.bind.annotation.GetMapping("/notes/count")
				public long count() {
					return this.jdbc.queryForObject("SELECT COUNT(*) FROM note", Long.class);
				}

				@org.springframework.web.bind.annotation.GetMapping("/mbeans")
				public int mbeans(@org.springframework.web.bind.annotation.RequestParam String pattern) throws Exception {
					return java.lang.management.ManagementFactory.getPlatformMBeanServer()
						.queryNames(new javax.management.ObjectName(pattern), null)
						.size();
				}

			}
			""";

	/**
	 * An in-memory database that lives only while a connection to it is open (no
	 * {@code DB_CLOSE_DELAY=-1}): only a pool that is never closed keeps its data.
	 */
	private static final String H2_PROPERTIES = """
			spring.main.banner-mode=off
			spring.datasource.url=jdbc:h2:mem:notes
			spring.sql.init.mode=always
			management.endpoints.web.exposure.include=health,reload,metrics
			""";

	private SourceProject project(String properties) throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.resource("application.properties", properties);
		// Not idempotent on purpose: running it twice on the same database fails.
		project.resource("schema.sql", "CREATE TABLE note (id IDENTITY PRIMARY KEY, text VARCHAR(100));\n");
		project.recompile("app.Notes", NOTES);
		return project;
	}

	private Http startAndAwait(SourceProject project, String... args) throws Exception {
		Http http = start(project, List.of(), args);
		this.application.awaitLine("Generation 1 serving");
		return http;
	}

	private static void reload(Http http) {
		int next = JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation") + 1;
		http.restartTo(next);
	}

	private static Map<String, Object> pool(Http http) {
		List<Map<String, Object>> retained = retainedPools(http);
		assertThat(retained).hasSize(1);
		return retained.get(0);
	}

	private static List<Map<String, Object>> retainedPools(Http http) {
		return JsonPath.read(http.body("/actuator/reload"), "$.retained[?(@.state == 'retained')].details");
	}

	@Test
	void poolAndInMemoryDataSurviveReloads() throws Exception {
		SourceProject project = project(H2_PROPERTIES);
		Http http = startAndAwait(project);
		for (int i = 0; i < 3; i++) {
			assertThat(http.post("/notes?text=n" + i).statusCode()).isEqualTo(200);
		}
		List<Map<String, Object>> pools = retainedPools(http);
		for (int i = 0; i < 20; i++) {
			reload(http);
		}
		assertThat(http.body("/notes/count")).isEqualTo("3");
		assertThat(pools).hasSize(1);
		Map<String, Object> before = pools.get(0);
		Map<String, Object> after = pool(http);
		assertThat(after.get("pool")).isEqualTo(before.get("pool")).isEqualTo("HikariPool-1");
		assertThat(after.get("total")).isEqualTo(before.get("total"));
		assertThat(this.application.lines("HikariPool-\\d+ - Start completed")).singleElement()
			.asString()
			.contains("HikariPool-1");
		assertThat(this.application.lines("Reload failed")).isEmpty();
		// The meters follow the pool into the serving generation's registry.
		assertThat(JsonPath.<String>read(http.body("/actuator/metrics/hikaricp.connections"), "$.name"))
			.isEqualTo("hikaricp.connections");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(http.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live <= 2);
	}

	/**
	 * With JMX on, each generation's exporter registers the MBeans among its beans, the
	 * retained pool (one object for every generation) among them, while the previous
	 * generation's are still registered: no restart may fail on a name already taken.
	 */
	@Test
	void restartsWithJmxOnKeepThePool() throws Exception {
		SourceProject project = project(H2_PROPERTIES + "spring.jmx.enabled=true\n");
		Http http = startAndAwait(project);
		assertThat(http.post("/notes?text=kept").statusCode()).isEqualTo(200);
		for (int i = 0; i < 3; i++) {
			reload(http);
		}
		assertThat(http.body("/notes/count")).isEqualTo("1");
		assertThat(pool(http).get("pool")).isEqualTo("HikariPool-1");
		assertThat(this.application.lines("Reload failed|Unable to register MBean")).isEmpty();
		// The pool's MBean, which the closed generations unregistered, is there for the serving one.
		http.awaitReloadFinished();
		assertThat(http.body("/mbeans?pattern=com.zaxxer.hikari:name=dataSource,*")).isEqualTo("1");
	}

	@Test
	void editedScriptOfAConfiguredLocationRunsAgainOnTheRetainedDatabase() throws Exception {
		// As Spring PetClinic keeps its scripts: in a sub-directory named by a placeholder.
		SourceProject project = TestApp.create(this.temp);
		project.resource("application.properties", H2_PROPERTIES
				+ "database=h2\nspring.sql.init.schema-locations=classpath*:db/${database}/schema.sql\n");
		String script = "DROP TABLE IF EXISTS note;\nCREATE TABLE note (id IDENTITY PRIMARY KEY, text VARCHAR(100)%s);\n";
		project.resource("db/h2/schema.sql", script.formatted(""));
		project.recompile("app.Notes", NOTES);
		Http http = startAndAwait(project);
		assertThat(http.post("/notes?text=kept").statusCode()).isEqualTo(200);
		reload(http);
		// The same script is not run again: the row is still there.
		assertThat(http.body("/notes/count")).isEqualTo("1");
		Files.writeString(project.classes().resolve("db/h2/schema.sql"), script.formatted(", extra VARCHAR(10)"));
		await().atMost(RELOAD_TIMEOUT).until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation"),
				(generation) -> generation == 3);
		// The edited script ran on the retained database: the table was created anew.
		assertThat(http.body("/notes/count")).isEqualTo("0");
		assertThat(this.application.lines("Reload failed")).isEmpty();
		assertThat(this.application.lines("HikariPool-\\d+ - Start completed")).hasSize(1);
	}

	@Test
	void changedConfigurationGetsANewPoolAndTheOldOneIsClosed() throws Exception {
		SourceProject project = project(H2_PROPERTIES);
		Http http = startAndAwait(project);
		assertThat(http.post("/notes?text=kept").statusCode()).isEqualTo(200);
		Files.writeString(project.classes().resolve("application.properties"),
				H2_PROPERTIES + "spring.datasource.hikari.maximum-pool-size=4\n");
		await().atMost(RELOAD_TIMEOUT).until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation"),
				(generation) -> generation == 2);
		this.application.awaitLine("HikariPool-1 - Shutdown completed");
		// Same in-memory database with its data, and its schema script was not run again.
		assertThat(http.body("/notes/count")).isEqualTo("1");
		assertThat(http.post("/notes?text=after").statusCode()).isEqualTo(200);
		assertThat(http.body("/notes/count")).isEqualTo("2");
		// The new pool was connected before the old one closed: the in-memory database,
		// which lives only while a connection to it is open, was never without one.
		assertThat(this.application.lines("HikariPool-2 - Start completed|HikariPool-1 - Shutdown completed"))
			.satisfiesExactly((line) -> assertThat(line).contains("HikariPool-2 - Start completed"),
					(line) -> assertThat(line).contains("HikariPool-1 - Shutdown completed"));
		assertThat(JsonPath.<List<?>>read(http.body("/actuator/reload"), "$.retained")).hasSize(1);
		assertThat(pool(http)).containsEntry("pool", "HikariPool-2");
		assertThat((Integer) pool(http).get("total")).isLessThanOrEqualTo(4);
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	@Test
	void postgresBackendConnectionsDoNotGrowAcrossFiftyReloads() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			SourceProject project = project("""
					spring.main.banner-mode=off
					spring.sql.init.mode=always
					spring.datasource.hikari.maximum-pool-size=5
					management.endpoints.web.exposure.include=health,reload
					""");
			project.resource("schema.sql", "CREATE TABLE note (id SERIAL PRIMARY KEY, text VARCHAR(100));\n");
			Http http = startAndAwait(project, "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort()
					+ "/postgres", "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
			assertThat(http.post("/notes?text=pg").statusCode()).isEqualTo(200);
			// The backend of the previous count's connection may still be exiting when the next
			// count runs: a count is one too high for a moment, a leaked pool's never goes back.
			long opened = await().atMost(RELOAD_TIMEOUT).until(() -> backends(postgres), (count) -> count == 5);
			for (int i = 0; i < 50; i++) {
				reload(http);
				await().atMost(RELOAD_TIMEOUT).alias("backends after reload " + (i + 1))
					.until(() -> backends(postgres), (count) -> count == opened);
			}
			assertThat(http.body("/notes/count")).isEqualTo("1");
			assertThat(pool(http).get("pool")).isEqualTo("HikariPool-1");
		}
	}

	private static long backends(EmbeddedPostgres postgres) throws Exception {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
						+ "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
			result.next();
			return result.getLong(1);
		}
	}

}
