package dev.reloadhook.debug.jdwp;

/**
 * The sizes of the JDWP identifiers of one virtual machine (VirtualMachine.IDSizes).
 *
 * @param field size of a field id
 * @param method size of a method id
 * @param object size of an object id
 * @param referenceType size of a reference type id
 * @param frame size of a frame id
 * @author reload-hook
 */
public record IdSizes(int field, int method, int object, int referenceType, int frame) {

	/**
	 * Read the reply to VirtualMachine.IDSizes.
	 * @param reply the reply's data
	 * @return the sizes
	 */
	public static IdSizes read(byte[] reply) {
		JdwpInput input = new JdwpInput(reply, null);
		return new IdSizes(input.readInt(), input.readInt(), input.readInt(), input.readInt(), input.readInt());
	}

}
