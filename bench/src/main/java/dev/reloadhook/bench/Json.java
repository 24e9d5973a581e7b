package dev.reloadhook.bench;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers and booleans as indented JSON; non-finite numbers
 * become {@code null}.
 */
final class Json {

	private Json() {
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, 0);
		return out.append('\n').toString();
	}

	private static void write(StringBuilder out, Object value, int depth) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			if (map.isEmpty()) {
				out.append("{}");
				return;
			}
			out.append("{\n");
			Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
			while (entries.hasNext()) {
				Map.Entry<?, ?> entry = entries.next();
				indent(out, depth + 1);
				string(out, String.valueOf(entry.getKey()));
				out.append(": ");
				write(out, entry.getValue(), depth + 1);
				out.append(entries.hasNext() ? ",\n" : "\n");
			}
			indent(out, depth);
			out.append('}');
		}
		else if (value instanceof Collection<?> list) {
			boolean simple = list.stream().allMatch((item) -> item == null || item instanceof Number);
			if (simple) {
				out.append('[');
				Iterator<?> items = list.iterator();
				while (items.hasNext()) {
					write(out, items.next(), depth);
					if (items.hasNext()) {
						out.append(", ");
					}
				}
				out.append(']');
				return;
			}
			out.append("[\n");
			Iterator<?> items = list.iterator();
			while (items.hasNext()) {
				indent(out, depth + 1);
				write(out, items.next(), depth + 1);
				out.append(items.hasNext() ? ",\n" : "\n");
			}
			indent(out, depth);
			out.append(']');
		}
		else if (value instanceof Double || value instanceof Float) {
			double d = ((Number) value).doubleValue();
			if (!Double.isFinite(d)) {
				out.append("null");
			}
			else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
				out.append((long) d);
			}
			else {
				out.append(Math.round(d * 1000.0) / 1000.0);
			}
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else {
			string(out, value.toString());
		}
	}

	private static void indent(StringBuilder out, int depth) {
		out.append("  ".repeat(depth));
	}

	static void string(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
