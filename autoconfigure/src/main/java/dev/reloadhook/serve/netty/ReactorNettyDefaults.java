package dev.reloadhook.serve.netty;

/**
 * Reactor Netty settings of the JVM that reload-hook changes while it is on, each only
 * where the application left it unset.
 * <p>
 * {@code reactor.netty.http.server.lastFlushWhenNoRead=true}: in Reactor Netty 1.3.6
 * (Spring Boot 4.0.7's) and 1.3.7, a keep-alive request that arrives before the
 * operations of the previous response on its connection have ended is queued, and once
 * the queue drains the connection may never be read again: the client's next request on
 * it waits for ever (reactor/reactor-netty#4361, fixed upstream in September 2026). A
 * response completed off the event loop, as every actuator endpoint's is, makes that
 * likely for a client that asks again at once: the dashboard polling
 * {@code /actuator/reload}, a script waiting for a reload. With this setting the previous
 * operations end before the next request is read, which closes that way into the queue.
 *
 * @author reload-hook
 */
public final class ReactorNettyDefaults {

	static final String LAST_FLUSH_WHEN_NO_READ = "reactor.netty.http.server.lastFlushWhenNoRead";

	private ReactorNettyDefaults() {
	}

	/**
	 * Apply the settings; call before the first generation starts, as Reactor Netty reads
	 * them once.
	 */
	public static void apply() {
		if (System.getProperty(LAST_FLUSH_WHEN_NO_READ) == null) {
			System.setProperty(LAST_FLUSH_WHEN_NO_READ, "true");
		}
	}

}
