package dev.reloadhook.debug.relay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpException;
import dev.reloadhook.debug.jdwp.JdwpInput;

/**
 * What the relay asks the virtual machine about classes: their loaded versions, signature,
 * methods and line tables. For the session's worker thread only, as every command it
 * waits for.
 *
 * @author reload-hook
 */
final class ClassQueries {

	private final VmCommands vm;

	ClassQueries(VmCommands vm) {
		this.vm = vm;
	}

	/**
	 * Return the loaded versions of a class, one per class loader that defined it.
	 * @param signature the class's JNI signature
	 * @return the versions
	 * @throws JdwpException if the virtual machine did not answer
	 */
	List<LoadedClass> loadedVersions(String signature) throws JdwpException {
		JdwpInput reply = this.vm.call(Jdwp.VIRTUAL_MACHINE, Jdwp.CLASSES_BY_SIGNATURE,
				this.vm.output().writeString(signature).toByteArray());
		int count = reply.readInt();
		List<LoadedClass> loaded = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			loaded.add(new LoadedClass(reply.readByte(), reply.readReferenceTypeId()));
			reply.readInt();
		}
		return loaded;
	}

	/**
	 * Return the prepared versions of a class, also those the bean tier defined under
	 * another name ({@link VersionNames}): one request lists every loaded class, as a
	 * debugger's own lookup does, so it is for new breakpoints only, not for every class
	 * prepared.
	 * @param signature the class's JNI signature, as the developer wrote it
	 * @return the versions, those under the class's own name first, then the renamed ones
	 * oldest first
	 * @throws JdwpException if the virtual machine did not answer
	 */
	List<LoadedClass> allVersions(String signature) throws JdwpException {
		JdwpInput reply = this.vm.call(Jdwp.VIRTUAL_MACHINE, Jdwp.ALL_CLASSES, new byte[0]);
		int count = reply.readInt();
		Map<LoadedClass, Integer> versions = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			byte typeTag = reply.readByte();
			long typeId = reply.readReferenceTypeId();
			String candidate = reply.readString();
			int status = reply.readInt();
			if ((status & Jdwp.CLASS_STATUS_PREPARED) != 0 && VersionNames.original(candidate).equals(signature)) {
				versions.put(new LoadedClass(typeTag, typeId), VersionNames.version(candidate));
			}
		}
		// The order the breakpoints are armed in: the relay keeps its requests in the
		// newest versions only.
		return versions.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
	}

	/**
	 * Return the JNI signature of a class.
	 * @param typeId the class
	 * @return its signature
	 * @throws JdwpException if the virtual machine did not answer
	 */
	String signature(long typeId) throws JdwpException {
		return this.vm.call(Jdwp.REFERENCE_TYPE, Jdwp.SIGNATURE, this.vm.output().writeReferenceTypeId(typeId).toByteArray())
			.readString();
	}

	/**
	 * Return the methods a class declares.
	 * @param typeId the class
	 * @return its methods
	 * @throws JdwpException if the virtual machine did not answer
	 */
	List<Method> methods(long typeId) throws JdwpException {
		JdwpInput reply = this.vm.call(Jdwp.REFERENCE_TYPE, Jdwp.METHODS,
				this.vm.output().writeReferenceTypeId(typeId).toByteArray());
		int count = reply.readInt();
		List<Method> methods = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			methods.add(new Method(reply.readMethodId(), reply.readString(), reply.readString()));
			reply.readInt();
		}
		return methods;
	}

	/**
	 * Return the line of a code index.
	 * @param typeId the class
	 * @param methodId the method
	 * @param index the code index
	 * @return the line, {@code -1} when the method has no line there
	 * @throws JdwpException if the virtual machine did not answer
	 */
	int lineAt(long typeId, long methodId, long index) throws JdwpException {
		int line = -1;
		long best = Long.MIN_VALUE;
		for (long[] entry : lineTable(typeId, methodId)) {
			if (entry[0] <= index && entry[0] >= best) {
				best = entry[0];
				line = (int) entry[1];
			}
		}
		return line;
	}

	/**
	 * Return the first code index of a line.
	 * @param typeId the class
	 * @param methodId the method
	 * @param line the line
	 * @return the code index, {@code -1} when the method has no code on that line
	 * @throws JdwpException if the virtual machine did not answer
	 */
	long firstIndexOf(long typeId, long methodId, int line) throws JdwpException {
		long first = -1;
		for (long[] entry : lineTable(typeId, methodId)) {
			if (entry[1] == line && (first < 0 || entry[0] < first)) {
				first = entry[0];
			}
		}
		return first;
	}

	/** Pairs of code index and line number. */
	private List<long[]> lineTable(long typeId, long methodId) throws JdwpException {
		JdwpInput reply = this.vm.call(Jdwp.METHOD, Jdwp.LINE_TABLE,
				this.vm.output().writeReferenceTypeId(typeId).writeMethodId(methodId).toByteArray());
		reply.readLong();
		reply.readLong();
		int count = reply.readInt();
		List<long[]> lines = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			lines.add(new long[] { reply.readLong(), reply.readInt() });
		}
		return lines;
	}

	/**
	 * A method of a class.
	 *
	 * @param id its method id
	 * @param name its name
	 * @param signature its JNI signature
	 */
	record Method(long id, String name, String signature) {

	}

}
