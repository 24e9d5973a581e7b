package dev.reloadhook.debug.jdwp;

/**
 * The JDWP command sets, commands, event kinds and constants the relay uses (see the JDWP
 * specification).
 *
 * @author reload-hook
 */
public final class Jdwp {

	/** The handshake both sides send first. */
	public static final String HANDSHAKE = "JDWP-Handshake";

	/** Command set VirtualMachine. */
	public static final int VIRTUAL_MACHINE = 1;

	/** VirtualMachine.ClassesBySignature. */
	public static final int CLASSES_BY_SIGNATURE = 2;

	/** VirtualMachine.AllClasses. */
	public static final int ALL_CLASSES = 3;

	/** VirtualMachine.IDSizes. */
	public static final int ID_SIZES = 7;

	/** VirtualMachine.Suspend. */
	public static final int SUSPEND_ALL = 8;

	/** VirtualMachine.Resume. */
	public static final int RESUME_ALL = 9;

	/** VirtualMachine.RedefineClasses. */
	public static final int REDEFINE_CLASSES = 18;

	/** Command set ReferenceType. */
	public static final int REFERENCE_TYPE = 2;

	/** ReferenceType.Signature. */
	public static final int SIGNATURE = 1;

	/** ReferenceType.ClassLoader. */
	public static final int CLASS_LOADER = 2;

	/** ReferenceType.Fields. */
	public static final int FIELDS = 4;

	/** ReferenceType.Methods. */
	public static final int METHODS = 5;

	/** Command set Method. */
	public static final int METHOD = 6;

	/** Method.LineTable. */
	public static final int LINE_TABLE = 1;

	/** Command set ObjectReference. */
	public static final int OBJECT_REFERENCE = 9;

	/** ObjectReference.ReferenceType. */
	public static final int OBJECT_REFERENCE_TYPE = 1;

	/** ObjectReference.GetValues. */
	public static final int GET_VALUES = 2;

	/** Command set ThreadReference. */
	public static final int THREAD_REFERENCE = 11;

	/** ThreadReference.Resume. */
	public static final int THREAD_RESUME = 3;

	/** Command set EventRequest. */
	public static final int EVENT_REQUEST = 15;

	/** EventRequest.Set. */
	public static final int SET = 1;

	/** EventRequest.Clear. */
	public static final int CLEAR = 2;

	/** EventRequest.ClearAllBreakpoints. */
	public static final int CLEAR_ALL_BREAKPOINTS = 3;

	/** Command set Event. */
	public static final int EVENT = 64;

	/** Event.Composite. */
	public static final int COMPOSITE = 100;

	/** Event kind BREAKPOINT. */
	public static final byte BREAKPOINT = 2;

	/** Event kind CLASS_PREPARE. */
	public static final byte CLASS_PREPARE = 8;

	/** Class status PREPARED. */
	public static final int CLASS_STATUS_PREPARED = 2;

	/** Suspend policy NONE. */
	public static final byte SUSPEND_NONE = 0;

	/** Suspend policy EVENT_THREAD. */
	public static final byte SUSPEND_EVENT_THREAD = 1;

	/** Event request modifier ClassMatch. */
	public static final byte MODIFIER_CLASS_MATCH = 5;

	/** Event request modifier LocationOnly. */
	public static final byte MODIFIER_LOCATION_ONLY = 7;

	private Jdwp() {
	}

}
