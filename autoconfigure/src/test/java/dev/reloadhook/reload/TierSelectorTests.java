package dev.reloadhook.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.reloadhook.classify.ChangeClassifier;
import dev.reloadhook.classify.ClassFingerprints;
import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.watch.ChangedFile;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TierSelector}: the tier chosen for a change set and the reason given,
 * over class files compiled with {@code javax.tools}.
 */
class TierSelectorTests {

	private static final String GREETER = "package demo; public class Greeter { public String greet() { return \"hello\"; } }";

	@TempDir
	Path temp;

	private SourceProject project;

	private final ClassFingerprints fingerprints = new ClassFingerprints();

	private final HotSwap hotSwap = new HotSwap();

	private final TierSelector selector = new TierSelector(new ChangeClassifier(this.fingerprints), this.hotSwap);

	private final ReloadHookProperties properties = new ReloadHookProperties();

	@BeforeEach
	void compileTheServingClasses() throws Exception {
		this.project = new SourceProject(this.temp.resolve("classes"));
		this.project.source("demo.Greeter", GREETER).compileAll();
		this.fingerprints.recordAll(List.of(this.project.classes()));
	}

	@Test
	void aMethodBodyChangeIsHotSwapped() {
		TierSelection selection = select(bodyChange(), true, false);
		assertThat(selection.tier()).isEqualTo(ReloadTier.HOTSWAP);
		assertThat(selection.reason()).isEqualTo("method bodies of demo.Greeter changed");
		assertThat(selection.classNames()).containsExactly("demo.Greeter");
		assertThat(selection.structural()).isFalse();
	}

	@Test
	void aStructuralChangeRestartsAndSaysItIsStructural() {
		this.project.recompile("demo.Greeter", GREETER.replace("} }", "} public int extra() { return 1; } }"));
		TierSelection selection = select(changed(), true, false);
		assertThat(selection.tier()).isEqualTo(ReloadTier.RESTART);
		assertThat(selection.reason()).isEqualTo("the structure of demo.Greeter changed");
		assertThat(selection.structural()).isTrue();
	}

	@Test
	void unchangedBytesAreANoOp() {
		this.project.recompile("demo.Greeter", GREETER);
		assertThat(select(changed(), true, false).tier()).isEqualTo(ReloadTier.NO_OP);
	}

	@Test
	void aBodyChangeRestartsWhenHotSwapCannotRun() {
		ReloadTrigger trigger = bodyChange();
		assertThat(select(trigger, false, false).reason()).isEqualTo("nothing is serving");
		assertThat(select(trigger, true, true).reason()).isEqualTo("an earlier change has not started yet");
		this.hotSwap.unavailable = "no agent";
		assertThat(select(trigger, true, false).reason())
			.isEqualTo("method bodies of demo.Greeter changed, hot swap is unavailable");
		this.hotSwap.unavailable = null;
		this.hotSwap.debugger = true;
		TierSelection debugged = select(trigger, true, false);
		assertThat(debugged.tier()).isEqualTo(ReloadTier.RESTART);
		assertThat(debugged.reason()).isEqualTo("method bodies of demo.Greeter changed, a debugger is attached");
		// Not structural: the bean tier is not for it.
		assertThat(debugged.structural()).isFalse();
		this.hotSwap.debugger = false;
		this.properties.getHotswap().setEnabled(false);
		assertThat(select(trigger, true, false).reason())
			.isEqualTo("method bodies of demo.Greeter changed, hot swap is switched off");
	}

	@Test
	void manualAndStartupTriggersRestartUnlessAHotSwapIsAskedFor() {
		assertThat(select(ReloadTrigger.startup(System.nanoTime()), false, false).reason()).isEqualTo("first start");
		assertThat(select(ReloadTrigger.manual(), true, false).reason()).isEqualTo("requested");
		assertThat(select(ReloadTrigger.manual(ReloadTier.HOTSWAP).withChanges(bodyChange().changes()), true, false)
			.tier()).isEqualTo(ReloadTier.HOTSWAP);
	}

	private TierSelection select(ReloadTrigger trigger, boolean serving, boolean restartOwed) {
		return this.selector.select(trigger, serving, restartOwed, this.properties);
	}

	private ReloadTrigger bodyChange() {
		this.project.recompile("demo.Greeter", GREETER.replace("hello", "hi"));
		return changed();
	}

	private ReloadTrigger changed() {
		return ReloadTrigger.files(List.of(new ChangedFile(this.project.classes(),
				this.project.classFile("demo.Greeter"), ChangedFile.Kind.MODIFIED)), Duration.ZERO);
	}

	private static final class HotSwap implements HotSwapAvailability {

		private @Nullable String unavailable;

		private boolean debugger;

		@Override
		public @Nullable String unavailableReason() {
			return this.unavailable;
		}

		@Override
		public boolean isDebuggerAttached() {
			return this.debugger;
		}

	}

}
