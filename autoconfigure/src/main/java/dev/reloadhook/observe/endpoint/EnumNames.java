package dev.reloadhook.observe.endpoint;

import java.util.Locale;

/**
 * How the endpoint spells enum constants: lowercase, with dashes ({@code NO_OP} is
 * {@code no-op}).
 *
 * @author reload-hook
 */
final class EnumNames {

	private EnumNames() {
	}

	static String of(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
