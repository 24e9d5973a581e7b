package dev.reloadhook.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.reloadhook.watch.ChangedFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReloadTrigger}, merging in particular: one reload serves every
 * request that arrived while it waited.
 */
class ReloadTriggerTests {

	private static final Path ROOT = Path.of("classes").toAbsolutePath();

	@Test
	void mergedFileTriggersKeepEachFileOnceWithItsCombinedKind() {
		ReloadTrigger first = ReloadTrigger.files(List.of(file("a/A.class", ChangedFile.Kind.MODIFIED),
				file("b/B.class", ChangedFile.Kind.ADDED)), Duration.ofMillis(100));
		ReloadTrigger later = ReloadTrigger.files(List.of(file("a/A.class", ChangedFile.Kind.MODIFIED),
				file("c/C.class", ChangedFile.Kind.DELETED)), Duration.ofMillis(50));
		ReloadTrigger merged = first.merge(later);
		assertThat(merged.type()).isEqualTo(ReloadTrigger.Type.FILES);
		assertThat(merged.files()).containsExactly("a/A.class", "b/B.class", "c/C.class");
		assertThat(merged.requestedTier()).isEqualTo(RequestedTier.FROM_CHANGES);
		// Detection is the first trigger's: the later one waited for this reload.
		assertThat(merged.detection()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void aFileCreatedAndDeletedBeforeTheReloadIsNoChangeAtAll() {
		ReloadTrigger merged = ReloadTrigger.files(List.of(file("a/A.class", ChangedFile.Kind.ADDED)), Duration.ZERO)
			.merge(ReloadTrigger.files(List.of(file("a/A.class", ChangedFile.Kind.DELETED)), Duration.ZERO));
		assertThat(merged.changes()).isEmpty();
	}

	@Test
	void aManualRequestMakesTheMergedReloadManualWithTheStrongestTier() {
		ReloadTrigger files = ReloadTrigger.files(List.of(file("a/A.class", ChangedFile.Kind.MODIFIED)), Duration.ZERO);
		ReloadTrigger hotSwap = files.merge(ReloadTrigger.manual(ReloadTier.HOTSWAP));
		assertThat(hotSwap.type()).isEqualTo(ReloadTrigger.Type.MANUAL);
		assertThat(hotSwap.requestedTier()).isEqualTo(RequestedTier.HOTSWAP);
		assertThat(hotSwap.files()).containsExactly("a/A.class");
		assertThat(hotSwap.merge(ReloadTrigger.manual()).requestedTier()).isEqualTo(RequestedTier.RESTART);
		assertThat(ReloadTrigger.manual().merge(ReloadTrigger.manual(ReloadTier.HOTSWAP)).requestedTier())
			.isEqualTo(RequestedTier.RESTART);
	}

	@Test
	void mergedTriggersCountFromTheEarliestChangeAndAddTheirCompileTimes() {
		ReloadTrigger earlier = new ReloadTrigger(ReloadTrigger.Type.FILES, List.of(), Duration.ZERO,
				RequestedTier.FROM_CHANGES, Duration.ofMillis(200), 1_000);
		ReloadTrigger later = new ReloadTrigger(ReloadTrigger.Type.FILES, List.of(), Duration.ZERO,
				RequestedTier.FROM_CHANGES, Duration.ofMillis(300), 5_000);
		assertThat(later.merge(earlier).firstSeenNanos()).isEqualTo(1_000);
		assertThat(earlier.merge(later).firstSeenNanos()).isEqualTo(1_000);
		assertThat(earlier.merge(later).compilation()).isEqualTo(Duration.ofMillis(500));
		assertThat(ReloadTrigger.manual().merge(later).firstSeenNanos()).isEqualTo(5_000);
	}

	@Test
	void aManualReloadIsARestartOrAHotSwap() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReloadTrigger.manual(ReloadTier.NO_OP))
			.withMessage("A manual reload is a restart or a hot swap");
		assertThatIllegalArgumentException().isThrownBy(() -> ReloadTrigger.manual(ReloadTier.BEAN))
			.withMessage("A manual reload is a restart or a hot swap");
	}

	private static ChangedFile file(String name, ChangedFile.Kind kind) {
		return new ChangedFile(ROOT, ROOT.resolve(name), kind);
	}

}
