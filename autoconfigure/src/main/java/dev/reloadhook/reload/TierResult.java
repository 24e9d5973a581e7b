package dev.reloadhook.reload;

/**
 * How a {@link Tier} went: applied in a generation, not applicable (the coordinator then
 * goes on to the next tier), or failed.
 *
 * @author reload-hook
 */
public sealed interface TierResult {

	/**
	 * The change set is applied.
	 * @param generation the generation that serves it
	 */
	record Applied(int generation) implements TierResult {
	}

	/**
	 * The tier cannot apply this change set; a costlier tier may.
	 * @param reason why not
	 */
	record NotApplicable(String reason) implements TierResult {
	}

	/**
	 * The tier tried and failed; the serving generation stays.
	 * @param generation the generation that failed, {@code 0} when none was started
	 * @param summary the failure in one line
	 */
	record Failed(int generation, String summary) implements TierResult {
	}

	/**
	 * The change set is applied.
	 * @param generation the generation that serves it
	 * @return the result
	 */
	static TierResult applied(int generation) {
		return new Applied(generation);
	}

	/**
	 * The tier cannot apply this change set.
	 * @param reason why not
	 * @return the result
	 */
	static TierResult notApplicable(String reason) {
		return new NotApplicable(reason);
	}

	/**
	 * The tier failed.
	 * @param generation the generation that failed, {@code 0} when none was started
	 * @param summary the failure in one line
	 * @return the result
	 */
	static TierResult failed(int generation, String summary) {
		return new Failed(generation, summary);
	}

}
