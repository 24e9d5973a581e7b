package dev.reloadhook.debug.jdwp;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The events of one JDWP Event.Composite packet, located in its data so that the relay
 * can rewrite their request ids or leave some out without decoding the rest.
 *
 * @param suspendPolicy what the virtual machine suspended for this set
 * @param events the events
 * @author reload-hook
 */
public record CompositeEvent(byte suspendPolicy, List<Event> events) {

	/**
	 * Locate the events of an Event.Composite packet.
	 * @param data the packet's data
	 * @param sizes the identifier sizes
	 * @return the events
	 * @throws IllegalArgumentException if an event is of a kind JDWP does not define
	 */
	public static CompositeEvent parse(byte[] data, IdSizes sizes) {
		JdwpInput input = new JdwpInput(data, sizes);
		byte suspendPolicy = input.readByte();
		int count = input.readInt();
		List<Event> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int start = input.position();
			byte kind = input.readByte();
			int requestId = input.readInt();
			long thread = 0;
			ClassPrepared prepared = null;
			if (kind != 9 && kind != 99) {
				thread = input.readObjectId();
			}
			if (kind == Jdwp.CLASS_PREPARE) {
				prepared = new ClassPrepared(input.readByte(), input.readReferenceTypeId(), input.readString());
				input.readInt();
			}
			else {
				skipRest(kind, input);
			}
			byte[] bytes = java.util.Arrays.copyOfRange(data, start, input.position());
			events.add(new Event(kind, requestId, thread, prepared, bytes));
		}
		return new CompositeEvent(suspendPolicy, events);
	}

	// Everything after the thread: the layouts of the JDWP specification, Event.Composite.
	private static void skipRest(byte kind, JdwpInput input) {
		switch (kind) {
			case 1, 2, 40, 41 -> input.readLocation();
			case 42 -> {
				input.readLocation();
				input.skipTaggedValue();
			}
			case 43, 44, 45, 46 -> {
				input.skipTaggedValue();
				input.readLocation();
				input.skip((kind == 45) ? 8 : (kind == 46) ? 1 : 0);
			}
			case 4 -> {
				input.readLocation();
				input.skipTaggedValue();
				input.readLocation();
			}
			case 9 -> input.readString();
			case 20, 21 -> {
				input.readLocation();
				input.readByte();
				input.readReferenceTypeId();
				input.readFieldId();
				input.skipTaggedValue();
				if (kind == 21) {
					input.skipTaggedValue();
				}
			}
			case 6, 7, 90, 99 -> {
			}
			default -> throw new IllegalArgumentException("Unknown JDWP event kind " + kind);
		}
	}

	/**
	 * Return the same events under another suspend policy.
	 * @param policy the policy
	 * @return the composite
	 */
	public CompositeEvent withSuspendPolicy(byte policy) {
		return new CompositeEvent(policy, this.events);
	}

	/**
	 * Return the packet data of a composite of the given events.
	 * @param events the events, in order
	 * @return the data
	 */
	public byte[] toData(List<Event> events) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		bytes.write(this.suspendPolicy);
		bytes.writeBytes(new byte[] { (byte) (events.size() >>> 24), (byte) (events.size() >>> 16),
				(byte) (events.size() >>> 8), (byte) events.size() });
		events.forEach((event) -> bytes.writeBytes(event.bytes()));
		return bytes.toByteArray();
	}

	/**
	 * One event.
	 *
	 * @param kind the event kind
	 * @param requestId the request it answers
	 * @param thread the thread it happened in, {@code 0} for none
	 * @param prepared the class, for a class prepare event
	 * @param bytes the event as in the packet
	 */
	public record Event(byte kind, int requestId, long thread, @Nullable ClassPrepared prepared, byte[] bytes) {

		/**
		 * Return the same event for another request id.
		 * @param id the request id
		 * @return the event
		 */
		public Event withRequestId(int id) {
			byte[] copy = bytes.clone();
			copy[1] = (byte) (id >>> 24);
			copy[2] = (byte) (id >>> 16);
			copy[3] = (byte) (id >>> 8);
			copy[4] = (byte) id;
			return new Event(this.kind, id, this.thread, this.prepared, copy);
		}

	}

	/**
	 * A class that was prepared.
	 *
	 * @param typeTag the kind of reference type
	 * @param typeId the class
	 * @param signature its JNI signature
	 */
	public record ClassPrepared(byte typeTag, long typeId, String signature) {

	}

}
