package dev.reloadhook.serve;

/**
 * One generation's application deployed in a server that outlives generations: the one
 * thing each server (Tomcat, Jetty, Reactor Netty) implements. The application is prepared
 * beside the serving one and reached by no request until it is activated.
 *
 * @author reload-hook
 */
public interface ServedGeneration {

	/**
	 * Return the server's name as the log shows it, such as {@code Tomcat}.
	 * @return the server's name
	 */
	String serverName();

	/**
	 * Finish what the server defers until the generation's beans exist (Spring Boot's web
	 * server start, before the application is ready): Jetty initializes the servlets
	 * Spring Boot registered here rather than while the web application starts. A failure
	 * fails the generation's start.
	 */
	default void initialize() {
	}

	/**
	 * Let this generation serve: new requests reach it from now on, and the port is bound
	 * if this is the first generation.
	 */
	void activate();

	/**
	 * Remove this generation's application from the server. Its requests have been
	 * drained by then; its long-lived exchanges are ended.
	 */
	void remove();

	/**
	 * Return the port the server listens on.
	 * @return the port, or {@code -1} before it is bound
	 */
	int port();

	/**
	 * Return the requests this generation is serving.
	 * @return the in-flight requests
	 */
	InFlightRequests inFlight();

	/**
	 * Return the long-lived exchanges (streamed responses, WebSockets) of this generation:
	 * not counted as requests in flight, ended when it is removed.
	 * @return the long-lived exchanges
	 */
	LongLivedExchanges longLived();

	/**
	 * Stop accepting new connections: the application is shutting down for good.
	 */
	void pauseServer();

	/**
	 * Stop the server and unbind its port: the application is shutting down for good.
	 */
	void stopServer();

}
