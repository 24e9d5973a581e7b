package dev.reloadhook.endpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.reload.ReloadHistory;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.retain.RetainedResources;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} that shows what reloads did and triggers one.
 *
 * @author reload-hook
 */
@Endpoint(id = "reload")
public class ReloadEndpoint {

	private final ReloadCoordinator coordinator;

	/**
	 * Create an endpoint.
	 * @param coordinator the reload coordinator of this JVM
	 */
	public ReloadEndpoint(ReloadCoordinator coordinator) {
		Assert.notNull(coordinator, "'coordinator' must not be null");
		this.coordinator = coordinator;
	}

	/**
	 * Return the serving generation, the reload counts and the recent reloads.
	 * @return the reload state
	 */
	@ReadOperation
	public ReloadStateDescriptor reload() {
		ReloadHistory history = this.coordinator.history();
		List<ReloadDescriptor> reloads = history.records().stream().map(ReloadDescriptor::of).toList();
		ReloadRecord last = history.last();
		long succeeded = history.count(ReloadOutcome.SUCCESS);
		long failed = history.count(ReloadOutcome.FAILURE);
		return new ReloadStateDescriptor(this.coordinator.servingGeneration(),
				this.coordinator.isReloading() ? "reloading" : "idle", this.coordinator.liveGenerations(),
				new CountsDescriptor(succeeded + failed, succeeded, failed),
				(last != null) ? ReloadDescriptor.of(last) : null, reloads, RetainedResources.get().describe());
	}

	/**
	 * Ask for a reload. It runs in the background: the request that asks for it is served
	 * by the generation it replaces.
	 * @return the acknowledgement
	 */
	@WriteOperation
	public ReloadRequestedDescriptor trigger() {
		this.coordinator.requestReload(ReloadTrigger.manual());
		return new ReloadRequestedDescriptor(true, this.coordinator.servingGeneration());
	}

	/**
	 * The reload state.
	 *
	 * @param generation the generation serving now
	 * @param state {@code idle} or {@code reloading}
	 * @param liveGenerations generations whose class loader is still reachable (the
	 * serving one included)
	 * @param reloads the reload counts, the first start excluded
	 * @param last the most recent reload (or the first start)
	 * @param history the recent reloads, oldest first
	 * @param retained the resources kept across generations
	 */
	public record ReloadStateDescriptor(int generation, String state, int liveGenerations, CountsDescriptor reloads,
			@Nullable ReloadDescriptor last, List<ReloadDescriptor> history,
			List<RetainedResources.RetainedResourceDescriptor> retained) implements OperationResponseBody {
	}

	/**
	 * Reload counts.
	 *
	 * @param total all reloads
	 * @param succeeded reloads whose new code serves
	 * @param failed reloads whose new code did not start
	 */
	public record CountsDescriptor(long total, long succeeded, long failed) {
	}

	/**
	 * One reload.
	 *
	 * @param id the reload number
	 * @param generation the generation it started
	 * @param trigger {@code startup}, {@code files} or {@code manual}
	 * @param changes the changed files
	 * @param tier how it was carried out: {@code no_op}, {@code hotswap} or {@code restart}
	 * @param reason why this tier
	 * @param classes the classes that changed
	 * @param outcome {@code success} or {@code failure}
	 * @param startedAt when it started
	 * @param durationMs how long it took, in milliseconds
	 * @param phasesMs the time of each phase, in milliseconds
	 * @param error the failure, in one line
	 */
	public record ReloadDescriptor(long id, int generation, String trigger, List<String> changes, String tier,
			String reason, List<String> classes, String outcome, Instant startedAt, long durationMs, Map<String, Long> phasesMs, @Nullable String error) {

		static ReloadDescriptor of(ReloadRecord record) {
			Map<String, Long> phases = new LinkedHashMap<>();
			record.phases().forEach((phase, duration) -> phases.put(phase.name().toLowerCase(), duration.toMillis()));
			return new ReloadDescriptor(record.id(), record.generation(),
					record.trigger().type().name().toLowerCase(), record.trigger().files(),
					record.tier().name().toLowerCase(), record.reason(), record.classes(), record.outcome().name().toLowerCase(), record.startedAt(),
					record.duration().toMillis(), phases, record.error());
		}

	}

	/**
	 * The acknowledgement of a reload request.
	 *
	 * @param requested whether the reload was queued
	 * @param generation the generation serving when it was requested
	 */
	public record ReloadRequestedDescriptor(boolean requested, int generation) implements OperationResponseBody {
	}

}
