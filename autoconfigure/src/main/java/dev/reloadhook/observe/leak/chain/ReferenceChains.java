package dev.reloadhook.observe.leak.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import shark.GcRoot;
import shark.HeapField;
import shark.HeapGraph;
import shark.HeapObject;
import shark.HeapObject.HeapClass;
import shark.HeapObject.HeapInstance;
import shark.HeapObject.HeapObjectArray;
import shark.HeapValue;

/**
 * Shortest strong paths from the GC roots to restart class loaders, found breadth first
 * over a heap graph. Beyond the fields an object declares, an object holds its class and
 * a class holds its class loader: so a cache that keeps one instance of an application
 * class keeps its whole generation. Weak, soft and phantom references hold nothing.
 * Roots of threads (stacks, thread objects) are searched after the others, so that a
 * static field is named before a stack that happens to see the same object.
 *
 * @author reload-hook
 */
final class ReferenceChains {

	static final String LOADER_CLASS = "dev.reloadhook.reload.restart.RestartClassLoader";

	private static final long ROOT = 0;

	private final HeapGraph graph;

	ReferenceChains(HeapGraph graph) {
		this.graph = graph;
	}

	/**
	 * Find the chain of each generation's class loader.
	 * @param generations the generations
	 * @return the chain of each generation with a strong path from a root
	 */
	Map<Integer, String> find(Set<Integer> generations) {
		Map<Long, Integer> targets = targets(generations);
		if (targets.isEmpty()) {
			return Collections.emptyMap();
		}
		// Object ids, not indexes: ids are what references hold.
		Map<Long, Long> parent = new HashMap<>();
		Map<Long, GcRoot> roots = new HashMap<>();
		ArrayDeque<Long> queue = new ArrayDeque<>();
		List<GcRoot> ordered = new ArrayList<>(this.graph.getGcRoots());
		ordered.sort((a, b) -> Boolean.compare(isThreadRoot(a), isThreadRoot(b)));
		for (GcRoot root : ordered) {
			HeapObject object = this.graph.findObjectByIdOrNull(root.getId());
			if (object != null && !parent.containsKey(root.getId())) {
				parent.put(root.getId(), ROOT);
				roots.put(root.getId(), root);
				queue.add(root.getId());
			}
		}
		Map<Integer, String> chains = new HashMap<>();
		int remaining = targets.size();
		while (!queue.isEmpty() && remaining > 0) {
			long id = queue.poll();
			Integer generation = targets.get(id);
			if (generation != null) {
				chains.put(generation, describe(id, parent, roots));
				remaining--;
			}
			HeapObject object = this.graph.findObjectByIdOrNull(id);
			if (object != null) {
				references(object, (label, child) -> {
					if (!parent.containsKey(child)) {
						parent.put(child, id);
						queue.add(child);
					}
				});
			}
		}
		return chains;
	}

	private Map<Long, Integer> targets(Set<Integer> generations) {
		Map<Long, Integer> targets = new HashMap<>();
		HeapClass loaderClass = this.graph.findClassByName(LOADER_CLASS);
		if (loaderClass == null) {
			return targets;
		}
		for (Iterator<HeapInstance> it = loaderClass.getInstances().iterator(); it.hasNext();) {
			HeapInstance loader = it.next();
			HeapField field = loader.readField(LOADER_CLASS, "generation");
			Integer generation = (field != null) ? field.getValue().getAsInt() : null;
			if (generation != null && generations.contains(generation)) {
				targets.put(loader.getObjectId(), generation);
			}
		}
		return targets;
	}

	private static boolean isThreadRoot(GcRoot root) {
		return root instanceof GcRoot.JavaFrame || root instanceof GcRoot.ThreadObject
				|| root instanceof GcRoot.NativeStack || root instanceof GcRoot.ThreadBlock
				|| root instanceof GcRoot.JniLocal;
	}

	/** Hand each strong reference of an object, with its label, to the consumer. */
	private void references(HeapObject object, BiConsumer<String, Long> consumer) {
		if (object instanceof HeapClass type) {
			for (Iterator<HeapField> it = type.readStaticFields().iterator(); it.hasNext();) {
				HeapField field = it.next();
				reference(field.getValue(), "static " + type.getName() + "." + field.getName(), consumer);
			}
			long loader = type.readRecord().getClassLoaderId();
			if (loader != 0) {
				referenceTo(loader, type.getName() + " (its class loader)", consumer);
			}
		}
		else if (object instanceof HeapInstance instance) {
			String className = instance.getInstanceClassName();
			boolean reference = instance.instanceOf("java.lang.ref.Reference");
			for (Iterator<HeapField> it = instance.readFields().iterator(); it.hasNext();) {
				HeapField field = it.next();
				if (reference && field.getDeclaringClass().getName().equals("java.lang.ref.Reference")
						&& (field.getName().equals("referent") || field.getName().equals("discovered"))) {
					continue;
				}
				reference(field.getValue(), simpleName(className) + "." + field.getName(), consumer);
			}
			referenceTo(instance.getInstanceClassId(), className + " (its class)", consumer);
		}
		else if (object instanceof HeapObjectArray array) {
			int i = 0;
			for (Iterator<HeapValue> it = array.readElements().iterator(); it.hasNext(); i++) {
				reference(it.next(), simpleName(array.getArrayClassName().replace("[]", "")) + "[" + i + "]", consumer);
			}
		}
	}

	private void reference(HeapValue value, String label, BiConsumer<String, Long> consumer) {
		Long id = value.getAsObjectId();
		if (id != null && id != 0) {
			referenceTo(id, label, consumer);
		}
	}

	private void referenceTo(long id, String label, BiConsumer<String, Long> consumer) {
		if (this.graph.objectExists(id)) {
			consumer.accept(label, id);
		}
	}

	private String describe(long target, Map<Long, Long> parent, Map<Long, GcRoot> roots) {
		List<Long> path = new ArrayList<>();
		for (long id = target; id != ROOT; id = parent.get(id)) {
			path.add(id);
		}
		Collections.reverse(path);
		List<String> steps = new ArrayList<>();
		GcRoot root = roots.get(path.get(0));
		HeapObject first = this.graph.findObjectById(path.get(0));
		if (!(first instanceof HeapClass)) {
			steps.add(rootName(root) + " " + name(first));
		}
		for (int i = 1; i < path.size(); i++) {
			steps.add(label(path.get(i - 1), path.get(i)));
		}
		steps.add("RestartClassLoader(generation " + generationOf(this.graph.findObjectById(target)) + ")");
		// A class is reached through its loader's list of classes: the chain that matters
		// starts at the first static field.
		for (int i = 0; i < steps.size(); i++) {
			if (steps.get(i).startsWith("static ")) {
				return String.join(" → ", steps.subList(i, steps.size()));
			}
		}
		return String.join(" → ", steps);
	}

	private String label(long from, long to) {
		String[] found = new String[1];
		references(this.graph.findObjectById(from), (label, child) -> {
			if (found[0] == null && child == to) {
				found[0] = label;
			}
		});
		return (found[0] != null) ? found[0] : name(this.graph.findObjectById(from));
	}

	private static String simpleName(String className) {
		return className.substring(className.lastIndexOf('.') + 1);
	}

	private static String rootName(@Nullable GcRoot root) {
		return (root != null) ? root.getClass().getSimpleName() : "root";
	}

	private static String name(HeapObject object) {
		if (object instanceof HeapClass type) {
			return "class " + type.getName();
		}
		if (object instanceof HeapInstance instance) {
			return instance.getInstanceClassName();
		}
		if (object instanceof HeapObjectArray array) {
			return array.getArrayClassName();
		}
		return object.toString();
	}

	private static @Nullable Integer generationOf(HeapObject loader) {
		HeapField field = (loader instanceof HeapInstance instance) ? instance.readField(LOADER_CLASS, "generation")
				: null;
		return (field != null) ? field.getValue().getAsInt() : null;
	}

}
