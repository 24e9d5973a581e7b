package dev.reloadhook.it;

import java.nio.file.Path;

import com.sun.jdi.VirtualMachine;
import dev.reloadhook.testsupport.DebuggableApp;
import dev.reloadhook.testsupport.IdeLikeDebugger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The debug relay of a real application: where it may listen, and debuggers that come
 * and go (the relay's own connections are tried in {@code RelayConnectionsTests}).
 */
class DebugRelayHardeningIntegrationTests {

	@TempDir
	Path temp;

	private DebuggableApp app;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void relayDoesNotListenOnANonLoopbackAddressWithoutAnOptIn() throws Exception {
		this.app = DebuggableApp.start(this.temp, "--reload-hook.debug.address=0.0.0.0");
		assertThat(this.app.application().awaitLine("Debug relay not started: "))
			.contains("reload-hook.debug.address 0.0.0.0 is not a loopback address")
			.contains("set reload-hook.debug.allow-remote=true");
		assertThat(this.app.application().lines("Debug relay listening")).isEmpty();
		assertThat(this.app.http().get("/hello").statusCode()).isEqualTo(200);
	}

	@Test
	void debuggerAttachingAfterAnotherDetachedGetsASessionThroughTheRelay() throws Exception {
		this.app = DebuggableApp.start(this.temp);
		int relayPort = this.app.relayPort();
		for (int session = 1; session <= 3; session++) {
			try (IdeLikeDebugger debugger = IdeLikeDebugger.attach(relayPort)) {
				VirtualMachine vm = debugger.vm();
				assertThat(vm.classesByName("app.TestApp")).isNotEmpty();
			}
			this.app.application().awaitLines("The debugger disconnected from the debug relay", session);
		}
		assertThat(this.app.application().lines("A debugger is connected through the debug relay")).hasSize(3);
	}

}
