package dev.reloadhook.observe.leak.chain;

import java.lang.management.ManagementFactory;
import java.lang.ref.SoftReference;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.reloadhook.reload.restart.RestartClassLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shark.CloseableHeapGraph;
import shark.HprofHeapGraph;
import shark.HprofIndex;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chains read from a real heap dump of this JVM: the path from the static field that
 * keeps a generation to its class loader, and none for a generation only softly held.
 */
class ReferenceChainsTests {

	/** A library's static registry, the root of the planted chain. */
	static final List<Object> REGISTRY = new ArrayList<>();

	@TempDir
	Path temp;

	@AfterEach
	void clearRegistry() {
		REGISTRY.clear();
	}

	@Test
	void chainStartsAtTheStaticFieldAndEndsAtTheGeneration() throws Exception {
		// Made in methods of their own: a local variable of this frame would be a root too.
		register(7);
		SoftReference<RestartClassLoader> soft = softlyHeld(8);

		Map<Integer, String> chains = chains(dump(), Set.of(7, 8, 9));

		assertThat(chains.get(7)).isEqualTo("static " + ReferenceChainsTests.class.getName()
				+ ".REGISTRY → ArrayList.elementData → Object[0] → ReferenceChainsTests$Holder.classLoader"
				+ " → RestartClassLoader(generation 7)");
		assertThat(soft.get()).as("generation 8 was in the dump").isNotNull();
		// Generation 8 is reached by a soft reference only; generation 9 was never in the heap.
		assertThat(chains).containsOnlyKeys(7);
	}

	private void register(int generation) {
		REGISTRY.add(new Holder(new RestartClassLoader(generation, new URL[0], getClass().getClassLoader())));
	}

	private SoftReference<RestartClassLoader> softlyHeld(int generation) {
		return new SoftReference<>(new RestartClassLoader(generation, new URL[0], getClass().getClassLoader()));
	}

	private Path dump() throws Exception {
		Path file = this.temp.resolve("heap.hprof");
		// All objects, as the detector dumps them: no full collection first.
		ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), false);
		return file;
	}

	private static Map<Integer, String> chains(Path dump, Set<Integer> generations) throws Exception {
		try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(dump.toFile(), null,
				HprofIndex.Companion.defaultIndexedGcRootTags())) {
			return new ReferenceChains(graph).find(generations);
		}
	}

	/** Holds a generation's class loader the way an application object would. */
	static final class Holder {

		final ClassLoader classLoader;

		Holder(ClassLoader classLoader) {
			this.classLoader = classLoader;
		}

	}

}
