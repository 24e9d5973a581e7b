package dev.reloadhook.observe.endpoint;

import java.time.Instant;
import java.util.List;

import dev.reloadhook.reload.restart.GenerationState;
import org.jspecify.annotations.Nullable;

/**
 * A live generation.
 *
 * @param generation the generation number
 * @param status {@code starting}, {@code serving}, {@code retiring} or {@code closed}
 * @param inFlight the requests it is serving
 * @param closedAt when it was closed, for a closed one
 * @author reload-hook
 */
public record GenerationDescriptor(int generation, String status, int inFlight, @Nullable Instant closedAt) {

	static GenerationDescriptor of(GenerationState state) {
		return new GenerationDescriptor(state.generation(), EnumNames.of(state.status()), state.inFlight(),
				state.closedAt());
	}

	static List<GenerationDescriptor> of(List<GenerationState> states) {
		return states.stream().map(GenerationDescriptor::of).toList();
	}

}
