package dev.reloadhook.debug.relay;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

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

	/**
	 * The parts of an EventRequest.Set(BREAKPOINT) other than its location.
	 *
	 * @param suspendPolicy the suspend policy
	 * @param modifierCount the number of modifiers, the location included
	 * @param before the modifiers before the location, as sent
	 * @param location the location
	 * @param after the modifiers after the location, as sent
	 */
	record BreakpointRequest(byte suspendPolicy, int modifierCount, byte[] before, Location location, byte[] after) {

		/**
		 * Parse the data of an EventRequest.Set command for a breakpoint.
		 * @param data the command's data
		 * @param sizes the identifier sizes
		 * @return the request, or {@code null} when it has no single location
		 */
		static @org.jspecify.annotations.Nullable BreakpointRequest parse(byte[] data, IdSizes sizes) {
			JdwpInput input = new JdwpInput(data, sizes);
			input.readByte();
			byte suspendPolicy = input.readByte();
			int count = input.readInt();
			int modifiersStart = input.position();
			Location location = null;
			int locationStart = -1;
			int locationEnd = -1;
			for (int i = 0; i < count; i++) {
				int start = input.position();
				byte kind = input.readByte();
				if (kind == Jdwp.MODIFIER_LOCATION_ONLY) {
					if (location != null) {
						return null;
					}
					location = input.readLocation();
					locationStart = start;
					locationEnd = input.position();
				}
				else {
					skipModifier(kind, input);
				}
			}
			if (location == null) {
				return null;
			}
			return new BreakpointRequest(suspendPolicy, count, Arrays.copyOfRange(data, modifiersStart, locationStart),
					location, Arrays.copyOfRange(data, locationEnd, data.length));
		}

		// The modifier layouts of the JDWP specification, EventRequest.Set.
		private static void skipModifier(byte kind, JdwpInput input) {
			switch (kind) {
				case 1, 2 -> input.readInt();
				case 3, 11 -> input.readObjectId();
				case 4 -> input.readReferenceTypeId();
				case 5, 6, 12 -> input.readString();
				case 8 -> {
					input.readReferenceTypeId();
					input.skip(2);
				}
				case 9 -> {
					input.readReferenceTypeId();
					input.readFieldId();
				}
				case 10 -> {
					input.readObjectId();
					input.skip(8);
				}
				case 13 -> {
				}
				default -> throw new IllegalArgumentException("Unknown JDWP modifier kind " + kind);
			}
		}

		boolean sameModifiers(BreakpointRequest other) {
			return this.suspendPolicy == other.suspendPolicy && Arrays.equals(this.before, other.before)
					&& Arrays.equals(this.after, other.after);
		}

		/**
		 * Return the data of an EventRequest.Set command for the same breakpoint at
		 * another location.
		 * @param at the location
		 * @param output a fresh output
		 * @return the data
		 */
		byte[] at(Location at, JdwpOutput output) {
			return output.writeByte(Jdwp.BREAKPOINT)
				.writeByte(this.suspendPolicy)
				.writeInt(this.modifierCount)
				.writeBytes(this.before)
				.writeByte(Jdwp.MODIFIER_LOCATION_ONLY)
				.writeLocation(at)
				.writeBytes(this.after)
				.toByteArray();
		}

	}

}
