package dev.reloadhook.debug.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpException;
import dev.reloadhook.debug.jdwp.JdwpInput;
import dev.reloadhook.debug.jdwp.JdwpOutput;

/**
 * Redefines classes of one generation through JDWP (VirtualMachine.RedefineClasses), then
 * has the breakpoints in them armed again. Several generations may have a class of the
 * same name loaded; the one meant is found by the {@code generation} field of its class
 * loader, a {@code dev.reloadhook.reload.restart.RestartClassLoader}.
 *
 * @author reload-hook
 */
final class GenerationRedefiner {

	private static final String GENERATION_FIELD = "generation";

	private final VmCommands vm;

	private final ClassQueries classes;

	private final BreakpointKeeper keeper;

	/** Class loader object id to its generation, 0 for other class loaders. */
	private final Map<Long, Integer> generations = new HashMap<>();

	GenerationRedefiner(VmCommands vm, ClassQueries classes, BreakpointKeeper keeper) {
		this.vm = vm;
		this.classes = classes;
		this.keeper = keeper;
	}

	/**
	 * Redefine classes of a generation, all or none.
	 * @param generation the generation
	 * @param classes binary class name to new class file bytes
	 * @throws JdwpException if a class is not loaded by the generation or the virtual
	 * machine refused
	 */
	void redefine(int generation, Map<String, byte[]> classes) throws JdwpException {
		JdwpOutput command = this.vm.output().writeInt(classes.size());
		List<Target> targets = new ArrayList<>();
		for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
			String signature = "L" + entry.getKey().replace('.', '/') + ";";
			Target target = find(signature, generation);
			targets.add(target);
			command.writeReferenceTypeId(target.typeId()).writeInt(entry.getValue().length).writeBytes(entry.getValue());
		}
		// Nothing may run the new code before its breakpoints are armed again. Suspensions
		// are counted: threads the debugger holds stay held.
		this.vm.call(Jdwp.VIRTUAL_MACHINE, Jdwp.SUSPEND_ALL, new byte[0]);
		try {
			this.vm.call(Jdwp.VIRTUAL_MACHINE, Jdwp.REDEFINE_CLASSES, command.toByteArray());
			for (Target target : targets) {
				this.keeper.redefined(target.typeTag(), target.typeId(), target.signature());
			}
		}
		finally {
			this.vm.send(Jdwp.VIRTUAL_MACHINE, Jdwp.RESUME_ALL, new byte[0]);
		}
	}

	private Target find(String signature, int generation) throws JdwpException {
		for (LoadedClass loaded : this.classes.loadedVersions(signature)) {
			if (generationOf(loaded.typeId()) == generation) {
				return new Target(loaded.typeTag(), loaded.typeId(), signature);
			}
		}
		throw new JdwpException(RememberedBreakpoint.className(signature) + " is not loaded by generation " + generation);
	}

	private int generationOf(long typeId) throws JdwpException {
		long loader = this.vm.call(Jdwp.REFERENCE_TYPE, Jdwp.CLASS_LOADER,
				this.vm.output().writeReferenceTypeId(typeId).toByteArray()).readObjectId();
		if (loader == 0) {
			return 0;
		}
		Integer known = this.generations.get(loader);
		if (known == null) {
			known = readGeneration(loader);
			this.generations.put(loader, known);
		}
		return known;
	}

	private int readGeneration(long loader) throws JdwpException {
		JdwpInput type = this.vm.call(Jdwp.OBJECT_REFERENCE, Jdwp.OBJECT_REFERENCE_TYPE,
				this.vm.output().writeObjectId(loader).toByteArray());
		type.readByte();
		long loaderType = type.readReferenceTypeId();
		JdwpInput fields = this.vm.call(Jdwp.REFERENCE_TYPE, Jdwp.FIELDS,
				this.vm.output().writeReferenceTypeId(loaderType).toByteArray());
		int count = fields.readInt();
		for (int i = 0; i < count; i++) {
			long fieldId = fields.readFieldId();
			String name = fields.readString();
			String signature = fields.readString();
			fields.readInt();
			if (GENERATION_FIELD.equals(name) && "I".equals(signature)) {
				JdwpInput value = this.vm.call(Jdwp.OBJECT_REFERENCE, Jdwp.GET_VALUES,
						this.vm.output().writeObjectId(loader).writeInt(1).writeFieldId(fieldId).toByteArray());
				value.readInt();
				value.readByte();
				return value.readInt();
			}
		}
		return 0;
	}

	private record Target(byte typeTag, long typeId, String signature) {

	}

}
