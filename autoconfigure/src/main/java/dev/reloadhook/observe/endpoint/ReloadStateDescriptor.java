package dev.reloadhook.observe.endpoint;

import java.util.List;

import dev.reloadhook.retain.RetainedResources.RetainedResourceDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The reload state.
 *
 * @param generation the generation serving now
 * @param state {@code idle} or {@code reloading}
 * @param liveGenerations generations whose class loader is still reachable (the serving
 * one included)
 * @param generations the live generations
 * @param reloads the reload counts, the first start excluded
 * @param durations the reload durations over the kept history
 * @param last the most recent reload (or the first start)
 * @param history the recent reloads, oldest first
 * @param retained the resources kept across generations
 * @param leaks the leak suspects
 * @author reload-hook
 */
public record ReloadStateDescriptor(int generation, String state, int liveGenerations,
		List<GenerationDescriptor> generations, CountsDescriptor reloads, DurationsDescriptor durations,
		@Nullable ReloadDescriptor last, List<ReloadDescriptor> history, List<RetainedResourceDescriptor> retained,
		List<LeakDescriptor> leaks) implements OperationResponseBody {
}
