package dev.reloadhook.debug.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names under which the bean tier defines new versions of classes that need the
 * package-private classes of their package: a class loader defines a name once, so
 * {@code app.Greeting}'s third version is {@code app.Greeting$Reload3} (its nested
 * classes follow: {@code app.Greeting$Reload3$1}). The relay keeps a breakpoint by the
 * class name the developer wrote and arms it in these versions too.
 *
 * @author reload-hook
 */
final class VersionNames {

	/**
	 * The suffix the bean tier ({@code reload.bean.BeanTier}) appends to a top-level class
	 * name, then the version. Written out here: the relay runs on the JDK alone.
	 */
	private static final String SUFFIX = "$Reload";

	/**
	 * The version suffix, where a name, a nested class name, a type in a signature or a
	 * generic type's arguments may follow.
	 */
	private static final Pattern VERSION = Pattern.compile(Pattern.quote(SUFFIX) + "\\d+(?=[;$<.]|$)");

	private VersionNames() {
	}

	/**
	 * Return a name, JNI signature or method signature with every class of a renamed
	 * version under its own name: {@code Lapp/Greeting$Reload3$1;} is
	 * {@code Lapp/Greeting$1;}.
	 * @param name the name or signature
	 * @return the name or signature as the developer wrote it
	 */
	static String original(String name) {
		return (name.contains(SUFFIX)) ? VERSION.matcher(name).replaceAll("") : name;
	}

	/**
	 * Return the bean-tier version a class name or signature carries: versions are numbered
	 * in the order the bean tier defined them, across generations.
	 * @param name the name or signature
	 * @return the version, {@code 0} for a class under its own name
	 */
	static int version(String name) {
		Matcher matcher = VERSION.matcher(name);
		return matcher.find() ? Integer.parseInt(matcher.group().substring(SUFFIX.length())) : 0;
	}

	/**
	 * Return the class prepare patterns that match every version of a class: its own name,
	 * and the renamed versions of the top-level class it may be nested in (the relay does
	 * not know which of the {@code $}-separated names is the top-level one, so each gets a
	 * pattern).
	 * @param className the binary class name
	 * @return the patterns, for the JDWP ClassMatch modifier
	 */
	static List<String> classPreparePatterns(String className) {
		List<String> patterns = new ArrayList<>();
		patterns.add(className);
		int simpleName = className.lastIndexOf('.') + 1;
		for (int end = className.indexOf('$', simpleName + 1); end > 0; end = className.indexOf('$', end + 1)) {
			patterns.add(className.substring(0, end) + SUFFIX + "*");
		}
		patterns.add(className + SUFFIX + "*");
		return patterns;
	}

}
