package dev.reloadhook.observe.leak.chain;

import java.io.File;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import shark.CloseableHeapGraph;
import shark.HprofHeapGraph;
import shark.HprofIndex;

/**
 * The leak-chain process: reads a heap dump and prints, for each closed generation asked
 * for, one line {@code <generation>\t<chain>}; a generation with no strong path from a GC
 * root is printed with an empty chain. Runs outside the application, so that the heap dump
 * reader (and its Kotlin runtime) never joins the application's class path.
 * <p>
 * Arguments: the heap dump file, then the generation numbers.
 *
 * @author reload-hook
 */
public final class ReferenceChainMain {

	private ReferenceChainMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("Usage: ReferenceChainMain <heap dump> <generation>...");
			System.exit(2);
		}
		Set<Integer> generations = new LinkedHashSet<>();
		for (int i = 1; i < args.length; i++) {
			generations.add(Integer.parseInt(args[i]));
		}
		try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(new File(args[0]), null,
				HprofIndex.Companion.defaultIndexedGcRootTags())) {
			Map<Integer, String> chains = new ReferenceChains(graph).find(generations);
			for (int generation : generations) {
				System.out.println(generation + "\t" + chains.getOrDefault(generation, ""));
			}
		}
		System.out.flush();
	}

}
