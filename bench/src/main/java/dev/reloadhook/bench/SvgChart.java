package dev.reloadhook.bench;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer for grouped bar panels with min/max whiskers: no libraries, readable
 * in any browser.
 */
final class SvgChart {

	/**
	 * One bar.
	 *
	 * @param value the bar's height (for example a median)
	 * @param low lower end of the whisker, NaN for none
	 * @param high upper end of the whisker, NaN for none
	 * @param color fill colour
	 * @param hatched whether the bar is drawn hatched (a second series)
	 * @param text label above the bar
	 */
	record Bar(double value, double low, double high, String color, boolean hatched, String text) {
	}

	/**
	 * Bars side by side over one label.
	 *
	 * @param label the group's label (may contain one newline)
	 * @param bars the bars
	 */
	record Group(String label, List<Bar> bars) {
	}

	private final StringBuilder svg = new StringBuilder();

	private final int width;

	private final int height;

	SvgChart(int width, int height) {
		this.width = width;
		this.height = height;
		this.svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"Helvetica, Arial, sans-serif\">%n",
				width, height, width, height));
		this.svg.append("<defs><pattern id=\"hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
				+ "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"white\"/>"
				+ "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#333\" stroke-width=\"3\"/></pattern></defs>\n");
		this.svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
	}

	SvgChart text(double x, double y, String text, int size, String anchor, boolean bold, String color) {
		this.svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" fill=\"%s\"%s>%s</text>%n", x, y, size,
				anchor, color, bold ? " font-weight=\"bold\"" : "", escape(text)));
		return this;
	}

	SvgChart rect(double x, double y, double w, double h, String fill, String stroke) {
		this.svg.append(String.format(Locale.ROOT,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>%n", x, y, w, h,
				fill, stroke));
		return this;
	}

	SvgChart line(double x1, double y1, double x2, double y2, String stroke, double width) {
		this.svg.append(String.format(Locale.ROOT,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n", x1, y1,
				x2, y2, stroke, width));
		return this;
	}

	/**
	 * A panel of grouped bars from zero, with a title, gridlines and value labels.
	 */
	SvgChart panel(double x, double y, double w, double h, String title, String note, List<Group> groups) {
		rect(x, y, w, h, "#fafafa", "#dddddd");
		text(x + 10, y + 22, title, 15, "start", true, "#222");
		if (note != null) {
			text(x + 10, y + 40, note, 11, "start", false, "#666");
		}
		double left = x + 52;
		double right = x + w - 12;
		double top = y + 62;
		double bottom = y + h - 52;
		double max = 0;
		for (Group group : groups) {
			for (Bar bar : group.bars()) {
				max = Math.max(max, finite(bar.value()));
				max = Math.max(max, finite(bar.high()));
			}
		}
		double step = niceStep(max / 4);
		double axisMax = Math.max(step, Math.ceil(max * 1.12 / step) * step);
		for (double v = 0; v <= axisMax + step / 2; v += step) {
			double gy = bottom - (v / axisMax) * (bottom - top);
			line(left, gy, right, gy, "#e4e4e4", 1);
			text(left - 6, gy + 4, format(v), 11, "end", false, "#666");
		}
		line(left, bottom, right, bottom, "#999", 1);
		int n = groups.size();
		double slot = (right - left) / Math.max(1, n);
		for (int g = 0; g < n; g++) {
			Group group = groups.get(g);
			double cx = left + slot * (g + 0.5);
			int bars = group.bars().size();
			double barWidth = Math.min(54, slot * 0.7 / Math.max(1, bars));
			for (int b = 0; b < bars; b++) {
				Bar bar = group.bars().get(b);
				double bx = cx - barWidth * bars / 2 + barWidth * b;
				double value = finite(bar.value());
				double by = bottom - (value / axisMax) * (bottom - top);
				if (Double.isNaN(bar.value())) {
					text(bx + barWidth / 2, bottom - 6, "n/a", 11, "middle", false, "#999");
					continue;
				}
				rect(bx + 2, by, barWidth - 4, Math.max(0.5, bottom - by), bar.hatched() ? "url(#hatch)" : bar.color(),
						bar.color());
				double labelY = by - 5;
				if (!Double.isNaN(bar.low()) && !Double.isNaN(bar.high())) {
					double ly = bottom - (bar.low() / axisMax) * (bottom - top);
					double hy = bottom - (bar.high() / axisMax) * (bottom - top);
					double mx = bx + barWidth / 2;
					line(mx, ly, mx, hy, "#222", 1.5);
					line(mx - 6, ly, mx + 6, ly, "#222", 1.5);
					line(mx - 6, hy, mx + 6, hy, "#222", 1.5);
					labelY = Math.min(labelY, hy - 5);
				}
				text(bx + barWidth / 2 + (bar.low() == bar.high() || Double.isNaN(bar.high()) ? 0 : 9), labelY,
						bar.text(), 12, (bar.low() == bar.high() || Double.isNaN(bar.high())) ? "middle" : "start", true,
						"#222");
			}
			String[] label = group.label().split("\n");
			for (int i = 0; i < label.length; i++) {
				text(cx, bottom + 16 + 14 * i, label[i], (i == 0) ? 12 : 11, "middle", i == 0, (i == 0) ? "#333" : "#555");
			}
		}
		return this;
	}

	@Override
	public String toString() {
		return this.svg + "</svg>\n";
	}

	int width() {
		return this.width;
	}

	int height() {
		return this.height;
	}

	static double niceStep(double raw) {
		if (!(raw > 0)) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
		double fraction = raw / magnitude;
		double nice = (fraction <= 1) ? 1 : (fraction <= 2) ? 2 : (fraction <= 2.5) ? 2.5 : (fraction <= 5) ? 5 : 10;
		return nice * magnitude;
	}

	private static double finite(double value) {
		return Double.isFinite(value) ? value : 0;
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? String.format(Locale.ROOT, "%.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
