package dev.reloadhook.reload.hotswap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdwpAgent}'s reading of the agent's options.
 */
class JdwpAgentTests {

	@Test
	void socketServerOnALoopbackHost() {
		JdwpAgent agent = new JdwpAgent("transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0");
		assertThat(agent.isLoaded()).isTrue();
		assertThat(agent.isSocketServer()).isTrue();
		assertThat(agent.host()).isEqualTo("127.0.0.1");
	}

	@Test
	void portAloneHasNoHost() {
		assertThat(new JdwpAgent("transport=dt_socket,server=y,address=5005").host()).isNull();
		assertThat(new JdwpAgent("transport=dt_socket,server=y,address=*:5005").host()).isEqualTo("*");
	}

	@Test
	void clientModeIsNoServer() {
		assertThat(new JdwpAgent("transport=dt_socket,address=127.0.0.1:9000").isSocketServer()).isFalse();
	}

	@Test
	void noAgent() {
		JdwpAgent agent = new JdwpAgent(null);
		assertThat(agent.isLoaded()).isFalse();
		assertThat(agent.isSocketServer()).isFalse();
	}

}
