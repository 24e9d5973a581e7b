package dev.reloadhook.debug.jdwp;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The parts of an EventRequest.Set(BREAKPOINT) command other than its location, so that the
 * same request can be set at another location with the debugger's own modifiers.
 *
 * @param suspendPolicy the suspend policy
 * @param modifierCount the number of modifiers, the location included
 * @param before the modifiers before the location, as sent
 * @param location the location
 * @param after the modifiers after the location, as sent
 * @author reload-hook
 */
public record BreakpointRequest(byte suspendPolicy, int modifierCount, byte[] before, Location location,
		byte[] after) {

	/**
	 * Parse the data of an EventRequest.Set command for a breakpoint.
	 * @param data the command's data
	 * @param sizes the identifier sizes
	 * @return the request, or {@code null} when it has no single location
	 * @throws IllegalArgumentException if a modifier is of a kind JDWP does not define
	 */
	public static @Nullable BreakpointRequest parse(byte[] data, IdSizes sizes) {
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

	/**
	 * Return whether another request has the same suspend policy and modifiers, wherever
	 * its location.
	 * @param other the other request
	 * @return whether they are the same
	 */
	public boolean sameModifiers(BreakpointRequest other) {
		return this.suspendPolicy == other.suspendPolicy && Arrays.equals(this.before, other.before)
				&& Arrays.equals(this.after, other.after);
	}

	/**
	 * Return the data of an EventRequest.Set command for the same breakpoint at another
	 * location.
	 * @param at the location
	 * @param output a fresh output
	 * @return the data
	 */
	public byte[] at(Location at, JdwpOutput output) {
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
