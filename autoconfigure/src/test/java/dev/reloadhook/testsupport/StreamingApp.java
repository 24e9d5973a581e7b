package dev.reloadhook.testsupport;

import dev.reloadhook.testsupport.TestClassPath.Server;

/**
 * The sources of a class that adds long-lived connections to {@link TestApp}, for Spring
 * MVC (Tomcat, Jetty) or WebFlux (Reactor Netty): a WebSocket at {@code /ws} that greets
 * with {@code hello-<version>} and echoes {@code <version>:<message>}, a server-sent
 * events stream at {@code /events} that never completes (first event {@code <version>},
 * then a tick every 500 ms), the same as newline-delimited JSON at {@code /lines}
 * ({@code {"v":"<version>"}}, then ticks), {@code /version}, and
 * {@code /held?until=<file>}, which creates {@code <file>.started} and answers {@code held-<version>} only once the file
 * exists (without blocking an event loop on WebFlux), and {@code /held-async}, the same
 * answered asynchronously on Spring MVC (a {@code CompletableFuture}).
 */
public final class StreamingApp {

	public static final String CLASS = "app.Streams";

	private StreamingApp() {
	}

	public static String source(Server server, String version) {
		return ((server == Server.NETTY) ? WEBFLUX : SERVLET).replace("@VERSION@", version);
	}

	private static final String SERVLET = """
			package app;

			import java.io.IOException;
			import java.nio.file.Files;
			import java.nio.file.Path;
			import java.util.List;
			import java.util.concurrent.CompletableFuture;
			import java.util.concurrent.CopyOnWriteArrayList;
			import java.util.concurrent.Executors;
			import java.util.concurrent.ScheduledExecutorService;
			import java.util.concurrent.TimeUnit;
			import java.util.concurrent.locks.LockSupport;

			import jakarta.annotation.PreDestroy;

			import org.springframework.context.annotation.Configuration;
			import org.springframework.http.MediaType;
			import org.springframework.http.ResponseEntity;
			import org.springframework.web.bind.annotation.GetMapping;
			import org.springframework.web.bind.annotation.RequestParam;
			import org.springframework.web.bind.annotation.RestController;
			import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
			import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
			import org.springframework.web.socket.TextMessage;
			import org.springframework.web.socket.WebSocketSession;
			import org.springframework.web.socket.config.annotation.EnableWebSocket;
			import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
			import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
			import org.springframework.web.socket.handler.TextWebSocketHandler;

			@Configuration(proxyBeanMethods = false)
			@EnableWebSocket
			public class Streams implements WebSocketConfigurer {

				static final String VERSION = "@VERSION@";

				@Override
				public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
					registry.addHandler(new TextWebSocketHandler() {

						@Override
						public void afterConnectionEstablished(WebSocketSession session) throws Exception {
							session.sendMessage(new TextMessage("hello-" + VERSION));
						}

						@Override
						protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
							session.sendMessage(new TextMessage(VERSION + ":" + message.getPayload()));
						}

					}, "/ws");
				}

				@RestController
				public static class Events {

					/** The open streams: server-sent events and newline-delimited JSON. */
					private final List<ResponseBodyEmitter> emitters = new CopyOnWriteArrayList<>();

					private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

					public Events() {
						this.ticks.scheduleAtFixedRate(this::tick, 500, 500, TimeUnit.MILLISECONDS);
					}

					@GetMapping("/events")
					public SseEmitter events() throws IOException {
						// 0: never times out.
						SseEmitter emitter = new SseEmitter(0L);
						emitter.onCompletion(() -> this.emitters.remove(emitter));
						emitter.send(SseEmitter.event().data(VERSION));
						this.emitters.add(emitter);
						return emitter;
					}

					@GetMapping("/lines")
					public ResponseEntity<ResponseBodyEmitter> lines() throws IOException {
						ResponseBodyEmitter emitter = new ResponseBodyEmitter(0L);
						emitter.onCompletion(() -> this.emitters.remove(emitter));
						emitter.send(line(VERSION), MediaType.TEXT_PLAIN);
						this.emitters.add(emitter);
						return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(emitter);
					}

					private static String line(String value) {
						return "{\\"v\\":\\"" + value + "\\"}\\n";
					}

					private void tick() {
						for (ResponseBodyEmitter emitter : this.emitters) {
							try {
								if (emitter instanceof SseEmitter events) {
									events.send(SseEmitter.event().data(VERSION + ":tick"));
								}
								else {
									emitter.send(line(VERSION + ":tick"), MediaType.TEXT_PLAIN);
								}
							}
							catch (Exception ex) {
								this.emitters.remove(emitter);
							}
						}
					}

					@PreDestroy
					public void stop() {
						this.ticks.shutdownNow();
					}

					@GetMapping("/version")
					public String version() {
						return VERSION;
					}

					@GetMapping("/held")
					public String held(@RequestParam String until) throws IOException {
						Files.createFile(Path.of(until + ".started"));
						Path file = Path.of(until);
						long deadline = System.nanoTime() + 60_000_000_000L;
						while (!Files.exists(file) && System.nanoTime() < deadline) {
							LockSupport.parkNanos(5_000_000L);
						}
						return "held-" + VERSION;
					}

					@GetMapping("/held-async")
					public CompletableFuture<String> heldAsync(@RequestParam String until) throws IOException {
						Files.createFile(Path.of(until + ".started"));
						Path file = Path.of(until);
						return CompletableFuture.supplyAsync(() -> {
							long deadline = System.nanoTime() + 60_000_000_000L;
							while (!Files.exists(file) && System.nanoTime() < deadline) {
								LockSupport.parkNanos(5_000_000L);
							}
							return "held-" + VERSION;
						});
					}

				}

			}
			""";

	private static final String WEBFLUX = """
			package app;

			import java.nio.file.Files;
			import java.nio.file.Path;
			import java.time.Duration;
			import java.util.Map;

			import reactor.core.publisher.Flux;
			import reactor.core.publisher.Mono;

			import org.springframework.context.annotation.Bean;
			import org.springframework.context.annotation.Configuration;
			import org.springframework.http.codec.ServerSentEvent;
			import org.springframework.web.bind.annotation.GetMapping;
			import org.springframework.web.bind.annotation.RequestParam;
			import org.springframework.web.bind.annotation.RestController;
			import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
			import org.springframework.web.reactive.socket.WebSocketHandler;

			@Configuration(proxyBeanMethods = false)
			public class Streams {

				static final String VERSION = "@VERSION@";

				@Bean
				public SimpleUrlHandlerMapping webSocketMapping() {
					WebSocketHandler handler = (session) -> session.send(Mono.just(session.textMessage("hello-" + VERSION))
						.concatWith(session.receive()
							.map((message) -> session.textMessage(VERSION + ":" + message.getPayloadAsText()))));
					return new SimpleUrlHandlerMapping(Map.of("/ws", handler), -1);
				}

				@RestController
				public static class Events {

					@GetMapping(path = "/events", produces = "text/event-stream")
					public Flux<ServerSentEvent<String>> events() {
						return Flux.interval(Duration.ZERO, Duration.ofMillis(500))
							.map((tick) -> ServerSentEvent.builder((tick == 0) ? VERSION : VERSION + ":tick").build());
					}

					@GetMapping(path = "/lines", produces = "application/x-ndjson")
					public Flux<Map<String, String>> lines() {
						return Flux.interval(Duration.ZERO, Duration.ofMillis(500))
							.map((tick) -> Map.of("v", (tick == 0) ? VERSION : VERSION + ":tick"));
					}

					@GetMapping("/version")
					public String version() {
						return VERSION;
					}

					@GetMapping({ "/held", "/held-async" })
					public Mono<String> held(@RequestParam String until) throws java.io.IOException {
						Files.createFile(Path.of(until + ".started"));
						Path file = Path.of(until);
						return Flux.interval(Duration.ofMillis(5))
							.filter((tick) -> Files.exists(file))
							.next()
							.timeout(Duration.ofSeconds(60))
							.map((tick) -> "held-" + VERSION);
					}

				}

			}
			""";

}
