package dev.reloadhook.debug.relay;

/**
 * The JDWP command sets, commands, event kinds and constants the relay uses (see the JDWP
 * specification).
 *
 * @author reload-hook
 */
final class Jdwp {

	static final String HANDSHAKE = "JDWP-Handshake";

	static final int VIRTUAL_MACHINE = 1;

	static final int CLASSES_BY_SIGNATURE = 2;

	static final int ID_SIZES = 7;

	static final int SUSPEND_ALL = 8;

	static final int RESUME_ALL = 9;

	static final int REDEFINE_CLASSES = 18;

	static final int REFERENCE_TYPE = 2;

	static final int SIGNATURE = 1;

	static final int CLASS_LOADER = 2;

	static final int FIELDS = 4;

	static final int METHODS = 5;

	static final int METHOD = 6;

	static final int LINE_TABLE = 1;

	static final int OBJECT_REFERENCE = 9;

	static final int OBJECT_REFERENCE_TYPE = 1;

	static final int GET_VALUES = 2;

	static final int THREAD_REFERENCE = 11;

	static final int THREAD_RESUME = 3;

	static final int EVENT_REQUEST = 15;

	static final int SET = 1;

	static final int CLEAR = 2;

	static final int CLEAR_ALL_BREAKPOINTS = 3;

	static final int EVENT = 64;

	static final int COMPOSITE = 100;

	static final byte BREAKPOINT = 2;

	static final byte CLASS_PREPARE = 8;

	static final byte SUSPEND_NONE = 0;

	static final byte SUSPEND_EVENT_THREAD = 1;

	static final byte MODIFIER_CLASS_MATCH = 5;

	static final byte MODIFIER_LOCATION_ONLY = 7;

	private Jdwp() {
	}

}
