package dev.reloadhook.debug.jdwp;

/**
 * The JDWP command sets, commands, event kinds and constants the relay uses (see the JDWP
 * specification).
 *
 * @author reload-hook
 */
public final class Jdwp {

	public static final String HANDSHAKE = "JDWP-Handshake";

	public static final int VIRTUAL_MACHINE = 1;

	public static final int CLASSES_BY_SIGNATURE = 2;

	public static final int ID_SIZES = 7;

	public static final int SUSPEND_ALL = 8;

	public static final int RESUME_ALL = 9;

	public static final int REDEFINE_CLASSES = 18;

	public static final int REFERENCE_TYPE = 2;

	public static final int SIGNATURE = 1;

	public static final int CLASS_LOADER = 2;

	public static final int FIELDS = 4;

	public static final int METHODS = 5;

	public static final int METHOD = 6;

	public static final int LINE_TABLE = 1;

	public static final int OBJECT_REFERENCE = 9;

	public static final int OBJECT_REFERENCE_TYPE = 1;

	public static final int GET_VALUES = 2;

	public static final int THREAD_REFERENCE = 11;

	public static final int THREAD_RESUME = 3;

	public static final int EVENT_REQUEST = 15;

	public static final int SET = 1;

	public static final int CLEAR = 2;

	public static final int CLEAR_ALL_BREAKPOINTS = 3;

	public static final int EVENT = 64;

	public static final int COMPOSITE = 100;

	public static final byte BREAKPOINT = 2;

	public static final byte CLASS_PREPARE = 8;

	public static final byte SUSPEND_NONE = 0;

	public static final byte SUSPEND_EVENT_THREAD = 1;

	public static final byte MODIFIER_CLASS_MATCH = 5;

	public static final byte MODIFIER_LOCATION_ONLY = 7;

	private Jdwp() {
	}

}
