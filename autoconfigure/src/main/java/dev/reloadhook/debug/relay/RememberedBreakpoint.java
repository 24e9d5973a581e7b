package dev.reloadhook.debug.relay;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.reloadhook.debug.jdwp.BreakpointRequest;

/**
 * A breakpoint a debugger asked for, remembered by class, method and line so that it can
 * be set again in every new version of its class, with the debugger's own modifiers.
 *
 * @author reload-hook
 */
final class RememberedBreakpoint {

	private final String classSignature;

	private final String methodName;

	private final String methodSignature;

	private final int line;

	private final BreakpointRequest request;

	/** The debugger's request ids for this breakpoint, the latest last. */
	private final Set<Integer> originalIds = new LinkedHashSet<>();

	/**
	 * The request armed in each version of the class (reference type id), the relay's or
	 * the debugger's, oldest version first.
	 */
	private final Map<Long, Integer> armed = new LinkedHashMap<>();

	RememberedBreakpoint(String classSignature, String methodName, String methodSignature, int line,
			BreakpointRequest request) {
		this.classSignature = classSignature;
		this.methodName = methodName;
		this.methodSignature = methodSignature;
		this.line = line;
		this.request = request;
	}

	boolean sameAs(RememberedBreakpoint other) {
		return this.classSignature.equals(other.classSignature) && this.methodName.equals(other.methodName)
				&& this.methodSignature.equals(other.methodSignature) && this.line == other.line
				&& this.request.sameModifiers(other.request);
	}

	String classSignature() {
		return this.classSignature;
	}

	String methodName() {
		return this.methodName;
	}

	String methodSignature() {
		return this.methodSignature;
	}

	int line() {
		return this.line;
	}

	BreakpointRequest request() {
		return this.request;
	}

	Set<Integer> originalIds() {
		return this.originalIds;
	}

	int latestOriginalId() {
		int latest = 0;
		for (int id : this.originalIds) {
			latest = id;
		}
		return latest;
	}

	Map<Long, Integer> armed() {
		return this.armed;
	}

	/**
	 * Return the breakpoint as a user writes it, {@code app.Counter:12}.
	 * @return the description
	 */
	String describe() {
		return className(this.classSignature) + ":" + this.line;
	}

	static String className(String signature) {
		return signature.substring(1, signature.length() - 1).replace('/', '.');
	}

}
