package dev.reloadhook.it;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fault of the fault matrix with a real database server: H2 in server mode (TCP, data on
 * disk), stopped while a reload runs and started again.
 */
class DatabaseRestartFaultIntegrationTests extends ApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private Server database;

	@AfterEach
	void stopDatabase() {
		if (this.database != null) {
			this.database.stop();
		}
	}

	@Test
	void databaseRestartedDuringAReloadKeepsItsDataAndThePoolReconnects() throws Exception {
		Path data = this.temp.resolve("db");
		int port = freePort();
		this.database = startDatabase(port, data);
		SourceProject project = TestApp.create(this.temp.resolve("app"));
		project.resource("schema.sql", "create table if not exists item (id int auto_increment primary key);\n");
		project.recompile("app.Items", """
				package app;

				@org.springframework.web.bind.annotation.RestController
				public class Items {

					private final org.springframework.jdbc.core.JdbcTemplate jdbc;

					public Items(org.springframework.jdbc.core.JdbcTemplate jdbc) {
						this.jdbc = jdbc;
					}

					@org.springframework.web.bind.annotation.PostMapping("/items")
					public Integer add() {
						this.jdbc.update("insert into item values (default)");
						return count();
					}

					@org.springframework.web.bind.annotation.GetMapping("/items")
					public Integer count() {
						return this.jdbc.queryForObject("select count(*) from item", Integer.class);
					}

				}
				""");
		Http http = start(project, List.of(), "--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + port + "/faults",
				"--spring.sql.init.mode=always", "--spring.datasource.hikari.connection-timeout=2000");
		for (int i = 0; i < 3; i++) {
			assertThat(http.post("/items").statusCode()).isEqualTo(200);
		}
		assertThat(http.body("/items")).isEqualTo("3");

		// The database goes away, a reload runs, the database comes back.
		this.database.stop();
		assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);
		this.application.awaitLine("Generation 2 serving");
		assertThat(http.get("/items").statusCode()).isEqualTo(500);
		this.database = startDatabase(port, data);

		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> http.body("/items"), "3"::equals);
		assertThat(http.post("/items").body()).isEqualTo("4");
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<Integer>read(state, "$.reloads.failed")).isZero();
		assertThat(JsonPath.<List<String>>read(state, "$.retained[*].state")).containsExactly("retained");
	}

	private static Server startDatabase(int port, Path data) throws Exception {
		return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", data.toString())
			.start();
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
