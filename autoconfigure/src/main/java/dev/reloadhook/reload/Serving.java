package dev.reloadhook.reload;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The generation serving now, as the coordinator records it.
 *
 * @author reload-hook
 */
public interface Serving {

	/**
	 * Return the generation serving now.
	 * @return the generation number, {@code 0} before the first one is ready
	 */
	int servingGeneration();

	/**
	 * Return the application context of the serving generation.
	 * @return the context, or {@code null} while none serves
	 */
	@Nullable ConfigurableApplicationContext servingContext();

}
