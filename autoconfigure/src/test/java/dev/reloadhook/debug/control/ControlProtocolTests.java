package dev.reloadhook.debug.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the control protocol between the application and its debug relay: every
 * message survives its line, the lines are those both sides have always written, and a
 * line that is no message is refused with the line in the reason.
 */
class ControlProtocolTests {

	@Test
	void everyMessageFromTheRelayRoundTrips() {
		List<FromRelay> messages = List.of(new FromRelay.Listening("127.0.0.1:5005"),
				new FromRelay.Failed("Address already in use"), new FromRelay.Connected(), new FromRelay.Disconnected(),
				new FromRelay.Redefined(7), new FromRelay.Refused(8, "app.Counter is not loaded by generation 3"),
				new FromRelay.Log(FromRelay.Level.INFO, "hello"),
				new FromRelay.Log(FromRelay.Level.WARN, "Debug relay closed a connection from /127.0.0.1:4242"));
		for (FromRelay message : messages) {
			assertThat(FromRelay.parse(message.toLine())).isEqualTo(message);
		}
	}

	@Test
	void relayMessagesAreTheLinesTheChannelCarries() {
		assertThat(new FromRelay.Listening("127.0.0.1:5005").toLine()).isEqualTo("listening 127.0.0.1:5005");
		assertThat(new FromRelay.Refused(8, "no debugger").toLine()).isEqualTo("refused 8 no debugger");
		assertThat(new FromRelay.Log(FromRelay.Level.WARN, "careful").toLine()).isEqualTo("log WARN careful");
		assertThat(FromRelay.parse("failed Address already in use: bind"))
			.isEqualTo(new FromRelay.Failed("Address already in use: bind"));
	}

	@Test
	void freeTextStaysOnItsLine() {
		FromRelay.Log log = new FromRelay.Log(FromRelay.Level.WARN, "first\nsecond\r\nthird");
		assertThat(log.toLine()).doesNotContain("\n", "\r");
		assertThat(FromRelay.parse(log.toLine())).isEqualTo(new FromRelay.Log(FromRelay.Level.WARN, "first second  third"));
	}

	@Test
	void redefinitionRoundTripsWithItsClassFilesInOrder() {
		Map<String, byte[]> classes = new LinkedHashMap<>();
		classes.put("app.Counter", new byte[] { (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 1 });
		classes.put("app.Counter$Inner", "any bytes, = and spaces".getBytes(StandardCharsets.UTF_8));
		ToRelay.Redefine request = new ToRelay.Redefine(12, 3, classes);
		String line = request.toLine();
		assertThat(line).startsWith("redefine 12 3 app.Counter=yv66vgAB app.Counter$Inner=").doesNotContain("\n");
		ToRelay read = ToRelay.parse(line);
		assertThat(read).isInstanceOf(ToRelay.Redefine.class);
		ToRelay.Redefine redefine = (ToRelay.Redefine) read;
		assertThat(redefine.token()).isEqualTo(12);
		assertThat(redefine.generation()).isEqualTo(3);
		assertThat(redefine.classes()).containsOnlyKeys("app.Counter", "app.Counter$Inner");
		assertThat(List.copyOf(redefine.classes().keySet())).containsExactly("app.Counter", "app.Counter$Inner");
		assertThat(redefine.classes().get("app.Counter")).isEqualTo(classes.get("app.Counter"));
		assertThat(redefine.classes().get("app.Counter$Inner")).isEqualTo(classes.get("app.Counter$Inner"));
	}

	@Test
	void answersCarryTheTokenOfTheirRedefinition() {
		ToRelay.Redefine request = new ToRelay.Redefine(41, 2, Map.of());
		assertThat(FromRelay.parse(request.redefined().toLine())).isEqualTo(new FromRelay.Redefined(41));
		FromRelay refused = FromRelay.parse(request.refused("the debugger disconnected").toLine());
		assertThat(refused).isEqualTo(new FromRelay.Refused(41, "the debugger disconnected"));
		assertThat(((FromRelay.Answer) refused).token()).isEqualTo(41);
	}

	@Test
	void agentMoveRoundTrips() {
		assertThat(new ToRelay.AgentMoved(40123).toLine()).isEqualTo("agent 40123");
		assertThat(ToRelay.parse("agent 40123")).isEqualTo(new ToRelay.AgentMoved(40123));
	}

	@Test
	void eachMessageGoesToItsHandlerMethod() {
		List<String> calls = new ArrayList<>();
		FromRelay.Handler application = new FromRelay.Handler() {

			@Override
			public void listening(FromRelay.Listening message) {
				calls.add("listening " + message.address());
			}

			@Override
			public void failed(FromRelay.Failed message) {
				calls.add("failed");
			}

			@Override
			public void connected(FromRelay.Connected message) {
				calls.add("connected");
			}

			@Override
			public void disconnected(FromRelay.Disconnected message) {
				calls.add("disconnected");
			}

			@Override
			public void answered(FromRelay.Answer answer) {
				calls.add("answered " + answer.token());
			}

			@Override
			public void log(FromRelay.Log message) {
				calls.add("log " + message.level());
			}

		};
		ToRelay.Handler relay = new ToRelay.Handler() {

			@Override
			public void redefine(ToRelay.Redefine request) {
				calls.add("redefine " + request.token());
			}

			@Override
			public void agentMoved(ToRelay.AgentMoved message) {
				calls.add("agent " + message.port());
			}

		};
		for (String line : List.of("listening 127.0.0.1:1", "failed x", "connected", "disconnected", "redefined 1",
				"refused 2 no", "log INFO x")) {
			FromRelay.parse(line).deliverTo(application);
		}
		ToRelay.parse("redefine 3 1").deliverTo(relay);
		ToRelay.parse("agent 9").deliverTo(relay);
		assertThat(calls).containsExactly("listening 127.0.0.1:1", "failed", "connected", "disconnected", "answered 1",
				"answered 2", "log INFO", "redefine 3", "agent 9");
	}

	@Test
	void linesThatAreNoMessageAreRefusedWithTheLine() {
		for (String line : List.of("Picked up JAVA_TOOL_OPTIONS: -Xmx1g", "", "redefined", "refused x why",
				"log DEBUG hidden", "listening")) {
			assertThatIllegalArgumentException().isThrownBy(() -> FromRelay.parse(line))
				.withMessage("Not a debug relay control message: '" + line + "'");
		}
		for (String line : List.of("agent", "agent port", "redefine 1", "redefine 1 2 app.Counter",
				"redefine 1 2 app.Counter=not*base64", "shutdown")) {
			assertThatIllegalArgumentException().isThrownBy(() -> ToRelay.parse(line))
				.withMessage("Not a debug relay control message: '" + line + "'");
		}
	}

	@Test
	void aLongLineIsShortenedInTheReason() {
		String line = "redefine 1 2 app.Counter=" + "A".repeat(1000) + "*";
		assertThatIllegalArgumentException().isThrownBy(() -> ToRelay.parse(line))
			.withMessage("Not a debug relay control message: '" + line.substring(0, 120) + "...'");
	}

}
