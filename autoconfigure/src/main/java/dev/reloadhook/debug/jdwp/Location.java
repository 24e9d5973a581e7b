package dev.reloadhook.debug.jdwp;

/**
 * A JDWP location: a code index in a method of a class.
 *
 * @param typeTag the kind of reference type
 * @param classId the class
 * @param methodId the method
 * @param index the code index
 * @author reload-hook
 */
public record Location(byte typeTag, long classId, long methodId, long index) {

}
