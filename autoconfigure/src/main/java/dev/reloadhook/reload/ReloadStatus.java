package dev.reloadhook.reload;

import java.util.List;

import dev.reloadhook.reload.restart.GenerationState;

/**
 * The reload state as observers (the endpoint, the meters, the snapshots) read it:
 * nothing here changes anything, and nothing returned references a generation.
 *
 * @author reload-hook
 */
public interface ReloadStatus {

	/**
	 * Return the generation serving now.
	 * @return the generation number, {@code 0} before the first one is ready
	 */
	int servingGeneration();

	/**
	 * Return whether a reload is running.
	 * @return whether a reload is running
	 */
	boolean isReloading();

	/**
	 * Return whether changes are held because a build has removed the class files (the
	 * main class among them) and has not written them again yet.
	 * @return whether changes wait for the build
	 */
	boolean isWaitingForBuild();

	/**
	 * Return how many generations' class loaders are still reachable: the open ones and
	 * the closed ones not yet garbage collected.
	 * @return the live generation count
	 */
	int liveGenerations();

	/**
	 * Return the state of every live generation, oldest first.
	 * @return the generation states
	 */
	List<GenerationState> generations();

	/**
	 * Return the reload history.
	 * @return the history
	 */
	ReloadHistory history();

}
