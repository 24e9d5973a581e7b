package dev.reloadhook.reload.bean;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.reloadhook.classify.ClassChange;
import dev.reloadhook.reload.FailureSummary;
import dev.reloadhook.reload.GenerationListener;
import dev.reloadhook.reload.HotSwapAvailability;
import dev.reloadhook.reload.ReloadInProgress;
import dev.reloadhook.reload.ReloadPhase;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadSettings;
import dev.reloadhook.reload.ReloadTier;
import dev.reloadhook.reload.Tier;
import dev.reloadhook.reload.TierResult;
import dev.reloadhook.reload.TierSelection;
import dev.reloadhook.reload.restart.Generation;
import dev.reloadhook.reload.restart.GenerationLifecycle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bean tier: applies a change set in the serving generation's context by replacing
 * the beans it touches. Anything it cannot replace is not applicable, and a restart
 * follows. As a {@link GenerationListener}, it lets go of what it kept of a generation
 * that retires.
 *
 * @author reload-hook
 */
public final class BeanReplacementTier implements Tier, GenerationListener {

	private static final Log logger = LogFactory.getLog(BeanReplacementTier.class);

	private final GenerationLifecycle lifecycle;

	private final ReloadSettings settings;

	private final List<Path> classDirectories;

	private final BeanTier beanTier;

	/**
	 * Create the bean tier.
	 * @param lifecycle the generations and which one serves
	 * @param settings the settings (whether the bean tier is enabled)
	 * @param classDirectories the class directories the new class versions are read from
	 * @param hotSwap tells whether a debugger is attached straight to the JVM
	 */
	public BeanReplacementTier(GenerationLifecycle lifecycle, ReloadSettings settings, List<Path> classDirectories,
			HotSwapAvailability hotSwap) {
		this.lifecycle = lifecycle;
		this.settings = settings;
		this.classDirectories = classDirectories;
		this.beanTier = new BeanTier(hotSwap::isDebuggerAttached);
	}

	/**
	 * Return whether to try the bean tier: for a structural change, or for a body change
	 * to a class the bean tier already replaced (hot swap would redefine the version no
	 * longer in use).
	 * @param selection the tier chosen from the changes
	 * @return whether the bean tier should try first
	 */
	@Override
	public boolean wants(TierSelection selection) {
		Generation current = this.lifecycle.current();
		if (current == null || !this.settings.get().getBeanTier().isEnabled()) {
			return false;
		}
		return (selection.tier() == ReloadTier.RESTART && selection.structural())
				|| (selection.tier() == ReloadTier.HOTSWAP && current.replacedByBeanTier(selection.classNames()));
	}

	@Override
	public TierResult apply(ReloadInProgress reload, TierSelection selection) {
		Generation current = this.lifecycle.current();
		ConfigurableApplicationContext context = (current != null) ? current.context() : null;
		ClassLoader parent = (current != null) ? current.newestClassLoader() : null;
		if (current == null || context == null || parent == null || !context.isActive()) {
			return TierResult.notApplicable("the serving generation is closing");
		}
		long replaceStart = System.nanoTime();
		BeanTier.Replacement replacement;
		try {
			// The selection's files, not the trigger's: resources a build wrote again
			// unchanged (mvn compile writes them all) would refuse the bean tier.
			Set<String> changed = selection.classes()
				.stream()
				.map(ClassChange::className)
				.collect(Collectors.toCollection(LinkedHashSet::new));
			replacement = this.beanTier.apply(selection.files(), changed, this.classDirectories, context, parent);
		}
		catch (NotReplaceableException ex) {
			logger.debug("Not for the bean tier: " + ex.getMessage(), ex);
			return TierResult.notApplicable(ex.getMessage());
		}
		catch (RuntimeException | LinkageError ex) {
			// Whatever went wrong, a restart still applies the change set.
			logger.info("Bean tier failed, restarting instead: " + FailureSummary.of(ex));
			logger.debug("Bean tier failed", ex);
			return TierResult.notApplicable("bean tier failed: " + FailureSummary.of(ex));
		}
		current.beansReplaced(replacement.classLoader(), replacement.classNames());
		reload.tier(ReloadTier.BEAN,
				selection.reason() + "; replaced in place: " + String.join(", ", replacement.beans()),
				selection.classes());
		reload.phaseSince(ReloadPhase.REPLACE, replaceStart);
		return TierResult.applied(current.id());
	}

	@Override
	public void retiring(ConfigurableApplicationContext context, ReloadRecord reload) {
		this.beanTier.forget(context);
	}

}
