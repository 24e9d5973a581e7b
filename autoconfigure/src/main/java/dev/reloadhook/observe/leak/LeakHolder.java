package dev.reloadhook.observe.leak;

/**
 * Something that likely keeps a closed generation reachable.
 *
 * @param kind what it is
 * @param description which one, in words a developer recognises
 * @author reload-hook
 */
public record LeakHolder(Kind kind, String description) {

	/**
	 * The kinds of holders, each with the usual fix.
	 */
	public enum Kind {

		/** A thread whose class or context class loader belongs to the generation. */
		THREAD("stop the thread when the context closes (@PreDestroy, DisposableBean, or a Spring-managed executor)"),

		/** A timer thread whose tasks belong to the generation. */
		TIMER("cancel the Timer when the context closes, or use a Spring TaskScheduler"),

		/** A JDBC driver registered from the generation's class loader. */
		JDBC_DRIVER("deregister the driver when the context closes (DriverManager.deregisterDriver)"),

		/** A shutdown hook of the generation. */
		SHUTDOWN_HOOK("remove the hook when the context closes (Runtime.removeShutdownHook), or use a bean's destroy method"),

		/** A thread-local value set by the generation and never removed. */
		THREAD_LOCAL("call ThreadLocal.remove() when done with the value"),

		/** An MBean registered by the generation. */
		MBEAN("unregister the MBean when the context closes, or let Spring's MBeanExporter register it"),

		/** A static field of a class outside the generation that references it. */
		STATIC_FIELD("clear the field when the context closes: objects of the application must not outlive it in a library's static");

		private final String hint;

		Kind(String hint) {
			this.hint = hint;
		}

		/**
		 * Return the usual fix.
		 * @return the hint
		 */
		public String hint() {
			return this.hint;
		}

	}

}
