package dev.reloadhook.reload.hotswap;

import java.io.IOException;
import java.util.Map;

/**
 * Redefines classes through the debugger's own connection (the debug relay), which keeps
 * the debugger's breakpoints armed across the redefinition. Used instead of
 * {@link java.lang.instrument.Instrumentation} while a debugger is connected through it.
 *
 * @author reload-hook
 */
public interface DebuggerRedefiner {

	/**
	 * Return whether a debugger is connected through this redefiner now.
	 * @return whether one is
	 */
	boolean isDebuggerConnected();

	/**
	 * Redefine classes of a generation, all or none, and arm the debugger's breakpoints in
	 * them again.
	 * @param generation the generation whose classes to redefine
	 * @param classes binary class name to new class file bytes
	 * @throws IOException if the redefinition was refused or could not be done
	 */
	void redefine(int generation, Map<String, byte[]> classes) throws IOException;

}
