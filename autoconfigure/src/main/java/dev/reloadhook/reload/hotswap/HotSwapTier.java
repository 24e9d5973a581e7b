package dev.reloadhook.reload.hotswap;

import java.util.List;

import dev.reloadhook.reload.ReloadInProgress;
import dev.reloadhook.reload.ReloadPhase;
import dev.reloadhook.reload.Tier;
import dev.reloadhook.reload.TierResult;
import dev.reloadhook.reload.TierSelection;
import dev.reloadhook.reload.restart.Generation;
import dev.reloadhook.reload.restart.GenerationLifecycle;
import dev.reloadhook.reload.restart.RestartClassLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The hot swap tier: redefines the changed classes in the serving generation. When the
 * JVM refuses, or a class was replaced by the bean tier, the tier is not applicable and a
 * restart follows.
 *
 * @author reload-hook
 */
public final class HotSwapTier implements Tier {

	private static final Log logger = LogFactory.getLog(HotSwapTier.class);

	private final GenerationLifecycle lifecycle;

	private final HotSwapper hotSwapper;

	/**
	 * Create the hot swap tier.
	 * @param lifecycle the generations and which one serves
	 * @param hotSwapper what redefines classes
	 */
	public HotSwapTier(GenerationLifecycle lifecycle, HotSwapper hotSwapper) {
		this.lifecycle = lifecycle;
		this.hotSwapper = hotSwapper;
	}

	@Override
	public TierResult apply(ReloadInProgress reload, TierSelection selection) {
		Generation current = this.lifecycle.current();
		RestartClassLoader classLoader = (current != null) ? current.classLoader() : null;
		if (current == null || classLoader == null) {
			return TierResult.notApplicable("the serving generation is closing");
		}
		List<String> replaced = selection.classNames()
			.stream()
			.filter((name) -> current.replacedByBeanTier(List.of(name)))
			.toList();
		if (!replaced.isEmpty()) {
			// A hot swap asked for gets here (the bean tier takes the body changes of the
			// classes it replaced): the generation's class loader still has their versions
			// from before, which no request runs any more, so redefining them would apply
			// nothing, and the bean tier's versions may have other names.
			return TierResult.notApplicable("the bean tier replaced " + String.join(", ", replaced)
					+ ": hot swap would redefine the version no longer in use");
		}
		long redefineStart = System.nanoTime();
		try {
			this.hotSwapper.redefine(classLoader, selection.classes());
		}
		catch (HotSwapper.HotSwapException ex) {
			logger.info("Hot swap refused, restarting instead: " + ex.getMessage());
			return TierResult.notApplicable("hot swap refused: " + ex.getMessage());
		}
		reload.phaseSince(ReloadPhase.REDEFINE, redefineStart);
		return TierResult.applied(current.id());
	}

}
