package dev.reloadhook.reload.restart;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The {@code public static void main(String[])} method that started the application, found
 * on the current thread's stack.
 *
 * @param className the name of the class that declares it
 * @author reload-hook
 */
public record MainMethod(String className) {

	private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	/**
	 * Find the outermost {@code main} method on the current thread's stack.
	 * @return the main method, or {@code null} if the thread was not started by one
	 */
	public static @Nullable MainMethod find() {
		List<StackWalker.StackFrame> frames = WALKER.walk((stream) -> stream.collect(Collectors.toList()));
		for (int i = frames.size() - 1; i >= 0; i--) {
			StackWalker.StackFrame frame = frames.get(i);
			if ("main".equals(frame.getMethodName()) && isMain(frame.getDeclaringClass())) {
				return new MainMethod(frame.getDeclaringClass().getName());
			}
		}
		return null;
	}

	private static boolean isMain(Class<?> type) {
		try {
			Method method = type.getDeclaredMethod("main", String[].class);
			return Modifier.isStatic(method.getModifiers());
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/**
	 * Invoke this main method as loaded by the given class loader.
	 * @param classLoader the class loader of the generation
	 * @param args the application arguments
	 * @throws Throwable whatever the main method throws
	 */
	public void invoke(ClassLoader classLoader, String[] args) throws Throwable {
		Class<?> type = Class.forName(this.className, false, classLoader);
		Method method = type.getDeclaredMethod("main", String[].class);
		method.setAccessible(true);
		try {
			method.invoke(null, (Object) args);
		}
		catch (java.lang.reflect.InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
