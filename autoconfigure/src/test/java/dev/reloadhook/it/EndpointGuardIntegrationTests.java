package dev.reloadhook.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Who may use the {@code reload} endpoint, tried over real HTTP against forked
 * applications: pages of another site, forwarded headers, and every way the endpoint can be
 * mapped (a path mapping, a servlet path, a management port, a WebFlux application).
 */
class EndpointGuardIntegrationTests extends ApplicationTests {

	private static final Pattern PORT = Pattern.compile("started on port (\\d+)");

	private static final String REFUSED = "Refused POST on the reload endpoint";

	@Test
	void writeFromAPageOfAnotherSiteIsRefusedAndOneFromTheAppsOwnPageServed() throws Exception {
		int port = startApp();
		String evil = send(port, "POST", "/actuator/reload", Map.of("Origin", "http://evil.example"));
		assertThat(evil).startsWith("HTTP/1.1 403");
		assertThat(send(port, "POST", "/actuator/reload/snapshots", Map.of("Sec-Fetch-Site", "cross-site")))
			.startsWith("HTTP/1.1 403");
		// DNS rebinding: a page of evil.example whose name resolves to 127.0.0.1 is
		// same-origin for the browser, but not a loopback name.
		assertThat(send(port, "POST", "/actuator/reload/snapshots",
				Map.of("Host", "evil.example:" + port, "Origin", "http://evil.example:" + port)))
			.startsWith("HTTP/1.1 403");
		assertThat(this.application.awaitLines(REFUSED, 3)).hasSize(3);
		assertThat(this.application.lines("Refused POST on the reload endpoint from 127.0.0.1: sent by a page of "
				+ "another origin \\(Origin: http://evil.example\\)")).hasSize(1);
		assertThat(this.application.lines("Generation 2 ")).isEmpty();

		// The dashboard's own page and curl (no Origin) are served.
		assertThat(send(port, "POST", "/actuator/reload/snapshots",
				Map.of("Origin", "http://localhost:" + port, "Host", "localhost:" + port, "Sec-Fetch-Site",
						"same-origin")))
			.startsWith("HTTP/1.1 200");
		assertThat(send(port, "POST", "/actuator/reload", Map.of())).startsWith("HTTP/1.1 200");
		this.application.awaitLine("Generation 2 serving");
	}

	@Test
	void forwardedHeadersNeverMakeARemoteClientLoopback() throws Exception {
		// Tomcat's RemoteIpValve, trusting every proxy: it rewrites the client's address
		// from X-Forwarded-For.
		int port = startApp("--server.forward-headers-strategy=native",
				"--server.tomcat.remoteip.internal-proxies=.*");
		// Sent from 127.0.0.1 by a proxy for a client elsewhere.
		assertThat(send(port, "POST", "/actuator/reload", Map.of("X-Forwarded-For", "203.0.113.9")))
			.startsWith("HTTP/1.1 403");
		assertThat(send(port, "GET", "/actuator/reload/history", Map.of("X-Forwarded-For", "203.0.113.9")))
			.startsWith("HTTP/1.1 403");
		this.application.awaitLine(REFUSED + " from 203.0.113.9: writes are only accepted from the loopback");
		this.application.awaitLine("Refused GET on the reload endpoint from 203.0.113.9: reads are only served");
		assertThat(send(port, "GET", "/actuator/reload/history", Map.of())).startsWith("HTTP/1.1 200");

		// A client of another address claiming to forward for 127.0.0.1 is still remote.
		InetAddress external = externalAddress();
		assumeTrue(external != null, "no non-loopback address to connect from");
		assertThat(send(external, port, "POST", "/actuator/reload", Map.of("X-Forwarded-For", "127.0.0.1")))
			.startsWith("HTTP/1.1 403");
		assertThat(send(external, port, "POST", "/actuator/reload", Map.of())).startsWith("HTTP/1.1 403");
		assertThat(this.application.awaitLines(REFUSED, 3)).hasSize(3);
		assertThat(this.application.lines("Generation 2 ")).isEmpty();
	}

	@Test
	void endpointUnderAPathMappingAndAServletPathIsGuarded() throws Exception {
		int port = startApp("--management.endpoints.web.path-mapping.reload=restarts",
				"--spring.mvc.servlet.path=/app");
		assertThat(send(port, "POST", "/app/actuator/restarts", Map.of("Origin", "http://evil.example")))
			.startsWith("HTTP/1.1 403");
		this.application.awaitLine(REFUSED);
		assertThat(send(port, "POST", "/app/actuator/restarts/snapshots", Map.of("Origin", "http://evil.example")))
			.startsWith("HTTP/1.1 403");
		assertThat(send(port, "POST", "/app/actuator/restarts/snapshots", Map.of())).startsWith("HTTP/1.1 200");
		// The dashboard posts where the endpoint really is.
		assertThat(send(port, "GET", "/reload-hook/", Map.of())).contains("/app/actuator/restarts");
	}

	@Test
	void endpointOnAManagementPortIsGuarded() throws Exception {
		this.application = RunningApplication.start(TestApp.create(this.temp), List.of(), TestApp.MAIN,
				"--management.server.port=0", "--management.server.address=127.0.0.1");
		// Both servers stay bound across reloads.
		int managementPort = port(this.application.awaitLine("Management server \\(Tomcat\\) started on port \\d+"));
		int port = port(this.application.awaitLine("Tomcat started on port \\d+; it stays bound"));
		assertThat(managementPort).isNotEqualTo(port);
		assertThat(send(managementPort, "POST", "/actuator/reload", Map.of("Origin", "http://evil.example")))
			.startsWith("HTTP/1.1 403");
		this.application.awaitLine(REFUSED);
		assertThat(send(managementPort, "POST", "/actuator/reload/snapshots", Map.of())).startsWith("HTTP/1.1 200");
	}

	@Test
	void endpointOfAWebFluxApplicationIsGuarded() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + TestClassPath.asString(TestClassPath.Server.NETTY), List.of(),
				TestApp.MAIN);
		int port = port(this.application.awaitLine(PORT.pattern()));
		assertThat(send(port, "POST", "/actuator/reload/snapshots", Map.of("Origin", "http://evil.example")))
			.startsWith("HTTP/1.1 403");
		this.application.awaitLine(REFUSED + " from 127.0.0.1: sent by a page of another origin");
		assertThat(send(port, "POST", "/actuator/reload/snapshots", Map.of("Sec-Fetch-Site", "cross-site")))
			.startsWith("HTTP/1.1 403");
		assertThat(send(port, "POST", "/actuator/reload/snapshots",
				Map.of("Origin", "http://127.0.0.1:" + port, "Sec-Fetch-Site", "same-origin")))
			.startsWith("HTTP/1.1 200");
	}

	private int startApp(String... args) throws Exception {
		this.application = RunningApplication.start(TestApp.create(this.temp), List.of(), TestApp.MAIN, args);
		return port(this.application.awaitLine(PORT.pattern()));
	}

	private int port(String line) {
		Matcher matcher = PORT.matcher(line);
		assertThat(matcher.find()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static String send(int port, String method, String path, Map<String, String> headers)
			throws IOException {
		return send(InetAddress.getLoopbackAddress(), port, method, path, headers);
	}

	/**
	 * Send one request from and to the given address and return the whole response.
	 */
	private static String send(InetAddress address, int port, String method, String path,
			Map<String, String> headers) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(address, 0));
			socket.connect(new InetSocketAddress(address, port), 10_000);
			socket.setSoTimeout(60_000);
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
			if (!headers.containsKey("Host")) {
				request.append("Host: 127.0.0.1:").append(port).append("\r\n");
			}
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static InetAddress externalAddress() throws IOException {
		return NetworkInterface.networkInterfaces()
			.filter((network) -> {
				try {
					return network.isUp() && !network.isLoopback();
				}
				catch (IOException ex) {
					return false;
				}
			})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof java.net.Inet4Address)
			.findFirst()
			.orElse(null);
	}

}
