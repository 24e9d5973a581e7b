package dev.reloadhook.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for reload-hook.
 *
 * @author reload-hook
 */
@ConfigurationProperties("reload-hook")
public class ReloadHookProperties {

	/**
	 * Whether to reload the application when its classes change. Reloading is never active
	 * when running from a packaged jar, and inside tests only when this is set to true.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Which restarter runs when spring-boot-devtools is on the class path too:
	 * "take-over" (reload-hook restarts, DevTools keeps its other features) or
	 * "prefer-devtools". Read at start-up, before the environment exists: set it as a
	 * system property, an environment variable or in application.properties.
	 */
	private String devtools = "take-over";

	private final Watch watch = new Watch();

	private final Restart restart = new Restart();

	private final History history = new History();

	private final Endpoint endpoint = new Endpoint();

	private final Dashboard dashboard = new Dashboard();

	private final Hotswap hotswap = new Hotswap();

	private final BeanTier beanTier = new BeanTier();

	private final Retain retain = new Retain();

	private final Source source = new Source();

	private final Snapshots snapshots = new Snapshots();

	private final Leaks leaks = new Leaks();

	private final Debug debug = new Debug();

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public String getDevtools() {
		return this.devtools;
	}

	public void setDevtools(String devtools) {
		this.devtools = devtools;
	}

	public Watch getWatch() {
		return this.watch;
	}

	public Restart getRestart() {
		return this.restart;
	}

	public History getHistory() {
		return this.history;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Dashboard getDashboard() {
		return this.dashboard;
	}

	public Hotswap getHotswap() {
		return this.hotswap;
	}

	public BeanTier getBeanTier() {
		return this.beanTier;
	}

	public Retain getRetain() {
		return this.retain;
	}

	public Source getSource() {
		return this.source;
	}

	public Snapshots getSnapshots() {
		return this.snapshots;
	}

	public Leaks getLeaks() {
		return this.leaks;
	}

	public Debug getDebug() {
		return this.debug;
	}

	/**
	 * Change detection settings.
	 */
	public static class Watch {

		/**
		 * Time without any file change before a burst of changes becomes one reload.
		 */
		private Duration quietPeriod = Duration.ofMillis(20);

		/**
		 * Additional Ant-style patterns, relative to a class directory, of files whose
		 * change never triggers a reload.
		 */
		private List<String> exclude = new ArrayList<>();

		/**
		 * Interval at which to poll the class directories for changes instead of using
		 * file system events. Unset: events, with polling (every 500 ms) chosen at start
		 * when a probe file's event does not arrive.
		 */
		private @Nullable Duration pollInterval;

		/**
		 * Name of a file, relative to a class directory (or a simple file name), whose
		 * change runs one reload of every change collected since the last one. Unset:
		 * every burst of changes reloads.
		 */
		private @Nullable String triggerFile;

		public @Nullable Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(@Nullable Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public @Nullable String getTriggerFile() {
			return this.triggerFile;
		}

		public void setTriggerFile(@Nullable String triggerFile) {
			this.triggerFile = triggerFile;
		}

		/**
		 * Additional directories whose changes restart the application, besides the class
		 * directories (and the sources beside them).
		 */
		private List<java.nio.file.Path> additionalPaths = new ArrayList<>();

		public List<java.nio.file.Path> getAdditionalPaths() {
			return this.additionalPaths;
		}

		public void setAdditionalPaths(List<java.nio.file.Path> additionalPaths) {
			this.additionalPaths = additionalPaths;
		}

		public Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(Duration quietPeriod) {
			this.quietPeriod = quietPeriod;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

	}

	/**
	 * Generation restart settings.
	 */
	public static class Restart {

		/**
		 * Time to wait for the requests still running on the previous generation before
		 * it is closed anyway.
		 */
		private Duration drainTimeout = Duration.ofSeconds(30);

		/**
		 * Time a new generation has to start before it is abandoned (its main thread
		 * interrupted, its context closed whenever its start returns) while the previous
		 * generation keeps serving.
		 */
		private Duration startTimeout = Duration.ofMinutes(2);

		/**
		 * Time to wait for a replaced generation to close (its destroy methods) before the
		 * next reload may run; the close carries on in the background.
		 */
		private Duration closeTimeout = Duration.ofSeconds(30);

		public Duration getDrainTimeout() {
			return this.drainTimeout;
		}

		public void setDrainTimeout(Duration drainTimeout) {
			this.drainTimeout = drainTimeout;
		}

		public Duration getStartTimeout() {
			return this.startTimeout;
		}

		public void setStartTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
		}

		public Duration getCloseTimeout() {
			return this.closeTimeout;
		}

		public void setCloseTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
		}

		/**
		 * Whether to log what changed in the condition evaluation after a restart.
		 */
		private boolean logConditionEvaluationDelta = true;

		public boolean isLogConditionEvaluationDelta() {
			return this.logConditionEvaluationDelta;
		}

		public void setLogConditionEvaluationDelta(boolean logConditionEvaluationDelta) {
			this.logConditionEvaluationDelta = logConditionEvaluationDelta;
		}

	}

	/**
	 * Reload history settings.
	 */
	public static class History {

		/**
		 * Number of past reloads to keep.
		 */
		private int size = 50;

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

	}

	/**
	 * Settings of the {@code reload} actuator endpoint.
	 */
	public static class Endpoint {

		/**
		 * Whether to accept write operations (triggering a reload) from any address
		 * rather than from the loopback interface only.
		 */
		private boolean allowRemoteWrites;

		/**
		 * Whether to serve the endpoint's reads, which show file paths (changed files,
		 * compile errors), to any address rather than to the loopback interface only.
		 */
		private boolean allowRemoteReads;

		public boolean isAllowRemoteWrites() {
			return this.allowRemoteWrites;
		}

		public void setAllowRemoteWrites(boolean allowRemoteWrites) {
			this.allowRemoteWrites = allowRemoteWrites;
		}

		public boolean isAllowRemoteReads() {
			return this.allowRemoteReads;
		}

		public void setAllowRemoteReads(boolean allowRemoteReads) {
			this.allowRemoteReads = allowRemoteReads;
		}

	}

	/**
	 * Settings of the dashboard page.
	 */
	public static class Dashboard {

		/**
		 * Whether to serve the dashboard page (reload timeline, generations, leak
		 * suspects) while reloading is active.
		 */
		private boolean enabled = true;

		/**
		 * Path of the dashboard page, relative to the servlet context path.
		 */
		private String path = "/reload-hook";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			Assert.notNull(path, "'path' must not be null");
			Assert.isTrue(path.length() > 1, "'path' must have length greater than 1");
			Assert.isTrue(path.startsWith("/"), "'path' must start with '/'");
			this.path = path;
		}

	}

	/**
	 * Hot swap settings.
	 */
	public static class Hotswap {

		/**
		 * Whether to redefine classes in place when only method bodies changed, rather
		 * than restarting.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Bean tier settings.
	 */
	public static class BeanTier {

		/**
		 * Whether to replace changed leaf controllers and new leaf components in the running
		 * application context, rather than restarting, when nothing else changed.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Settings of the resources kept across generations.
	 */
	public static class Retain {

		private final Datasource datasource = new Datasource();

		public Datasource getDatasource() {
			return this.datasource;
		}

		/**
		 * Retention of the auto-configured DataSource.
		 */
		public static class Datasource {

			/**
			 * Whether to keep Spring Boot's auto-configured HikariCP pool (and so its
			 * connections and in-memory databases) across generations while
			 * spring.datasource.* is unchanged.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Source mode settings.
	 */
	public static class Source {

		/**
		 * Whether to compile changed sources of src/main/java, and copy changed files of
		 * src/main/resources, into the class directory they are built into.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Snapshot settings.
	 */
	public static class Snapshots {

		/**
		 * Whether to take a snapshot before and after each reload. Snapshots can always
		 * be taken on demand.
		 */
		private boolean automatic = true;

		/**
		 * Number of snapshots to keep.
		 */
		private int size = 40;

		public boolean isAutomatic() {
			return this.automatic;
		}

		public void setAutomatic(boolean automatic) {
			this.automatic = automatic;
		}

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

	}

	/**
	 * Leak detection settings.
	 */
	public static class Leaks {

		/**
		 * Whether to check that closed generations are garbage collected.
		 */
		private boolean enabled = true;

		/**
		 * How long reloads must have been quiet before the check runs its garbage
		 * collections.
		 */
		private Duration quietPeriod = Duration.ofSeconds(2);

		/**
		 * Number of garbage collections that unload classes (concurrent cycles on G1) a
		 * closed generation must survive to be reported as a leak suspect.
		 */
		private int gcs = 3;

		/**
		 * Whether to name the reference chain that keeps a leak suspect reachable, read
		 * from a heap dump in a process of its own (needs
		 * com.squareup.leakcanary:shark-graph on the class path).
		 */
		private boolean chains = true;

		/**
		 * Largest used heap that is dumped to name reference chains.
		 */
		private DataSize chainsMaxHeap = DataSize.ofGigabytes(1);

		public boolean isChains() {
			return this.chains;
		}

		public void setChains(boolean chains) {
			this.chains = chains;
		}

		public DataSize getChainsMaxHeap() {
			return this.chainsMaxHeap;
		}

		public void setChainsMaxHeap(DataSize chainsMaxHeap) {
			this.chainsMaxHeap = chainsMaxHeap;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(Duration quietPeriod) {
			this.quietPeriod = quietPeriod;
		}

		public int getGcs() {
			return this.gcs;
		}

		public void setGcs(int gcs) {
			this.gcs = gcs;
		}

	}

	/**
	 * Debugging settings: the debug relay between a debugger and the JVM's JDWP agent.
	 */
	public static class Debug {

		/**
		 * Port the debug relay listens on for debuggers (0 for any free port).
		 */
		private int port = 5005;

		/**
		 * Address the debug relay listens on. Anyone who can connect to it can run code
		 * in the application: keep it on the loopback interface unless needed.
		 */
		private String address = "127.0.0.1";

		/**
		 * Whether the debug relay may listen on an address other than a loopback one
		 * (logged as a warning).
		 */
		private boolean allowRemote;

		private final Relay relay = new Relay();

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getAddress() {
			return this.address;
		}

		public void setAddress(String address) {
			this.address = address;
		}

		public boolean isAllowRemote() {
			return this.allowRemote;
		}

		public void setAllowRemote(boolean allowRemote) {
			this.allowRemote = allowRemote;
		}

		public Relay getRelay() {
			return this.relay;
		}

		/**
		 * Debug relay settings.
		 */
		public static class Relay {

			/**
			 * Whether to start the debug relay when the JVM's JDWP agent listens on a
			 * loopback address: it keeps every breakpoint firing across reloads and
			 * hot swap on while debugging.
			 */
			private boolean enabled = true;

			/**
			 * Time a connection to the relay has to send its JDWP handshake before it is
			 * closed.
			 */
			private Duration handshakeTimeout = Duration.ofSeconds(5);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public Duration getHandshakeTimeout() {
				return this.handshakeTimeout;
			}

			public void setHandshakeTimeout(Duration handshakeTimeout) {
				this.handshakeTimeout = handshakeTimeout;
			}

		}

	}

}
