package dev.reloadhook.reload.cleanup;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

/**
 * Initializes, before the first generation starts, the library classes known to keep a
 * reference to whatever was on the stack when they were initialized (pre-built exceptions
 * in static fields record their stack trace). Initialized during the first generation,
 * they would keep its classes alive forever. Some also keep the context class loader of
 * the thread that initialized them (Thymeleaf's SpEL evaluator builds its static parser
 * with it): they are initialized with the base class loader as context class loader.
 * Tomcat's {@code JreMemoryLeakPreventionListener} does the same for JDK classes.
 *
 * @author reload-hook
 */
public final class LeakPrevention {

	private static final Log logger = LogFactory.getLog(LeakPrevention.class);

	private static final List<String> CLASSES = List.of("org.springframework.cglib.core.ClassNameReader",
			"org.h2.message.DbException", "org.h2.message.TraceObject",
			"org.thymeleaf.spring6.expression.SPELVariableExpressionEvaluator",
			// Its termination future holds an exception made when the class is initialized.
			"io.netty.util.concurrent.GlobalEventExecutor");

	private LeakPrevention() {
	}

	public static void initializeLibraryClasses(ClassLoader baseClassLoader) {
		Thread thread = Thread.currentThread();
		ClassLoader context = thread.getContextClassLoader();
		thread.setContextClassLoader(baseClassLoader);
		try {
			initialize(baseClassLoader);
		}
		finally {
			thread.setContextClassLoader(context);
		}
	}

	private static void initialize(ClassLoader baseClassLoader) {
		for (String className : CLASSES) {
			if (ClassUtils.isPresent(className, baseClassLoader)) {
				try {
					Class.forName(className, true, baseClassLoader);
				}
				catch (ClassNotFoundException | LinkageError ex) {
					// Not usable here: then it cannot leak either.
					logger.debug("Library class not usable here, so it cannot leak either", ex);
				}
			}
		}
	}

}
