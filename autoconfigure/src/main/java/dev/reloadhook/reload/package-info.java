/**
 * The reload stage: one reload at a time, triggers merged while one runs, the cheapest
 * tier that can apply a change set chosen and run, phase timings and history. The tiers
 * live in {@code reload.hotswap}, {@code reload.bean} and {@code reload.restart};
 * what a closed generation leaves behind is released by {@code reload.cleanup}.
 */
@NullMarked
package dev.reloadhook.reload;

import org.jspecify.annotations.NullMarked;
