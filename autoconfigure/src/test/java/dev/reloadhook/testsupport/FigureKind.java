package dev.reloadhook.testsupport;

import java.util.function.IntFunction;

/**
 * A kind of edit the reload figures measure: a new endpoint, a new field on an entity, a
 * new service... Edit {@code 0} prepares (it adds the classes the later edits change and
 * is not counted); each later edit is a real change with an answer of its own.
 *
 * @param id the name used by {@code -Dbean.figures.kinds} and in the report
 * @param description what an edit does, one Markdown sentence for the report
 * @param edits edit {@code k} of the run
 */
public record FigureKind(String id, String description, IntFunction<FigureEdit> edits) {

	/**
	 * Return edit {@code k}.
	 */
	public FigureEdit edit(int k) {
		return this.edits.apply(k);
	}

}
