package dev.reloadhook.retain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetainedResources}: a resource is reused only while its configuration
 * fingerprint is unchanged, and a replaced one is closed once no generation uses it, or
 * reinstated when the generation that replaced it failed.
 */
class RetainedResourcesTests {

	private final RetainedResources resources = new RetainedResources();

	private final Pools pools = new Pools();

	@Test
	void aResourceIsReusedOnlyWithTheSameFingerprint() {
		Pool pool = new Pool("one");
		this.resources.adopt("dataSource", "url=a", pool, this.pools, 1);
		assertThat(this.resources.reuse("dataSource", "url=a", 2)).isSameAs(pool);
		assertThat(this.resources.reuse("dataSource", "url=b", 2)).isNull();
		assertThat(this.resources.reuse("other", "url=a", 2)).isNull();
		assertThat(this.resources.describe()).singleElement().satisfies((retained) -> {
			assertThat(retained.state()).isEqualTo("retained");
			assertThat(retained.createdBy()).isEqualTo(1);
			assertThat(retained.lastUsedBy()).isEqualTo(2);
		});
	}

	@Test
	void aReplacedResourceClosesOnceTheGenerationThatUsedItLastHasClosed() {
		Pool first = new Pool("first");
		Pool second = new Pool("second");
		this.resources.adopt("dataSource", "url=a", first, this.pools, 1);
		this.resources.adopt("dataSource", "url=b", second, this.pools, 2);
		assertThat(this.pools.replacements).containsExactly("first -> second");
		assertThat(this.resources.describe()).extracting(RetainedResources.RetainedResourceDescriptor::state)
			.containsExactly("retained", "closing");
		// Generation 1 still serves while generation 2 starts.
		assertThat(first.closed).isFalse();
		this.resources.closed(1);
		assertThat(first.closed).isTrue();
		assertThat(second.closed).isFalse();
		assertThat(this.resources.describe()).singleElement()
			.extracting(RetainedResources.RetainedResourceDescriptor::state)
			.isEqualTo("retained");
	}

	@Test
	void aReplacedResourceStaysOpenWhileTheGenerationThatUsedItLastStillDrains() {
		Pool first = new Pool("first");
		Pool second = new Pool("second");
		this.resources.adopt("dataSource", "url=a", first, this.pools, 1);
		this.resources.adopt("dataSource", "url=b", second, this.pools, 2);
		assertThat(this.resources.reuse("dataSource", "url=b", 3)).isSameAs(second);
		// Generation 2 closes first: generation 1 still answers a long poll.
		this.resources.closed(2);
		assertThat(first.closed).isFalse();
		this.resources.closed(1);
		assertThat(first.closed).isTrue();
		assertThat(second.closed).isFalse();
	}

	@Test
	void aReplacementFromAFailedGenerationIsClosedAndThePreviousOneReinstated() {
		Pool first = new Pool("first");
		Pool second = new Pool("second");
		this.resources.adopt("dataSource", "url=a", first, this.pools, 1);
		this.resources.adopt("dataSource", "url=b", second, this.pools, 2);
		this.resources.discarded(2);
		assertThat(second.closed).isTrue();
		assertThat(first.closed).isFalse();
		assertThat(this.resources.reuse("dataSource", "url=a", 3)).isSameAs(first);
	}

	@Test
	void closeAllClosesRetainedAndReplacedResources() {
		Pool first = new Pool("first");
		Pool second = new Pool("second");
		this.resources.adopt("dataSource", "url=a", first, this.pools, 1);
		this.resources.adopt("dataSource", "url=b", second, this.pools, 2);
		this.resources.closeAll();
		assertThat(first.closed).isTrue();
		assertThat(second.closed).isTrue();
		assertThat(this.resources.describe()).isEmpty();
	}

	@Test
	void initializationStateIsKeptPerName() {
		assertThat(this.resources.initializedWith("dataSource")).isNull();
		this.resources.initialized("dataSource", "schema.sql@1");
		assertThat(this.resources.initializedWith("dataSource")).isEqualTo("schema.sql@1");
	}

	private static final class Pool {

		private final String name;

		private boolean closed;

		Pool(String name) {
			this.name = name;
		}

	}

	private static final class Pools implements RetentionStrategy<Pool> {

		private final List<String> replacements = new ArrayList<>();

		@Override
		public Class<Pool> type() {
			return Pool.class;
		}

		@Override
		public Map<String, Object> describe(Pool resource) {
			return Map.of("name", resource.name);
		}

		@Override
		public void replacing(Pool previous, Pool replacement) {
			this.replacements.add(previous.name + " -> " + replacement.name);
		}

		@Override
		public void close(Pool resource) {
			resource.closed = true;
		}

	}

}
