package dev.reloadhook.reload.bean;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an entity change replaces in the serving context: the classes defined again (the
 * changed entities, every class that refers to them and the rest of their packages), the
 * entity manager factories rebuilt in place, and the beans created again.
 *
 * @param nests the new class versions: per top-level class, its bytes and its nested
 * classes'
 * @param factories the names of the entity manager factory beans ({@code &}-prefixed)
 * @param mappingContexts the Spring Data mapping contexts given the new metamodels
 * @param repositories the Spring Data repositories created again
 * @param components the scanned components created again, with the binary name of their
 * class
 * @param controllers the components among them that are controllers
 * @author reload-hook
 */
record EntityPlan(Map<String, Map<String, byte[]>> nests, List<String> factories, List<String> mappingContexts,
		List<String> repositories, Map<String, String> components, Set<String> controllers) {

}
