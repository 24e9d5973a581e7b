package dev.reloadhook.reload;

import java.util.List;

import dev.reloadhook.classify.ChangeClassifier;
import dev.reloadhook.classify.ChangeKind;
import dev.reloadhook.classify.ClassChange;
import dev.reloadhook.classify.Classification;
import dev.reloadhook.config.ReloadHookProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Chooses the tier of a reload: nothing when no class really changed, a hot swap when
 * only method bodies changed and hot swap is possible, a restart otherwise (which the
 * coordinator may carry out as a bean-tier reload when the change set allows it).
 *
 * @author reload-hook
 */
public final class TierSelector {

	private static final Log logger = LogFactory.getLog(TierSelector.class);

	private final ChangeClassifier classifier;

	private final HotSwapAvailability hotSwapper;

	private volatile boolean debuggerReported;

	/**
	 * Create a selector.
	 * @param classifier what tells how class files changed
	 * @param hotSwapper whether hot swap is available
	 */
	public TierSelector(ChangeClassifier classifier, HotSwapAvailability hotSwapper) {
		this.classifier = classifier;
		this.hotSwapper = hotSwapper;
	}

	TierSelection select(ReloadTrigger trigger, boolean serving, boolean restartOwed, ReloadHookProperties properties) {
		return switch (trigger.type()) {
			case STARTUP -> restart("first start", List.of());
			case MANUAL -> (trigger.requestedTier() == RequestedTier.HOTSWAP)
					? selectForFiles(trigger, serving, restartOwed, properties) : restart("requested", List.of());
			case FILES -> selectForFiles(trigger, serving, restartOwed, properties);
		};
	}

	private TierSelection selectForFiles(ReloadTrigger trigger, boolean serving, boolean restartOwed,
			ReloadHookProperties properties) {
		Classification classification = this.classifier.classify(trigger.changes());
		List<ClassChange> classes = classification.classes();
		if (!serving) {
			return restart("nothing is serving", classes);
		}
		if (restartOwed) {
			return restart("an earlier change has not started yet", classes);
		}
		if (classification.kind() == ChangeKind.NO_OP) {
			return new TierSelection(ReloadTier.NO_OP, classification.reason(), classes);
		}
		if (classification.kind() == ChangeKind.RESTART) {
			return new TierSelection(ReloadTier.RESTART, classification.reason(), classes, true,
					classification.files());
		}
		if (!properties.getHotswap().isEnabled()) {
			return restart(classification.reason() + ", hot swap is switched off", classes);
		}
		String unavailable = this.hotSwapper.unavailableReason();
		if (unavailable != null) {
			return restart(classification.reason() + ", hot swap is unavailable", classes);
		}
		if (this.hotSwapper.isDebuggerAttached()) {
			if (!this.debuggerReported) {
				this.debuggerReported = true;
				logger.info("A debugger is attached: reloads restart rather than hot swap, which would silently "
						+ "drop its breakpoints");
			}
			return restart(classification.reason() + ", a debugger is attached", classes);
		}
		this.debuggerReported = false;
		return new TierSelection(ReloadTier.HOTSWAP, classification.reason(), classes, false,
				classification.files());
	}

	private static TierSelection restart(String reason, List<ClassChange> classes) {
		return new TierSelection(ReloadTier.RESTART, reason, classes);
	}

}
