package dev.reloadhook.debug.relay;

/**
 * A loaded version of a class: one per class loader that defined it.
 *
 * @param typeTag the kind of reference type
 * @param typeId its reference type id
 * @author reload-hook
 */
record LoadedClass(byte typeTag, long typeId) {

}
