/**
 * Items stored with JDBC (H2 in memory by default).
 */
@NullMarked
package dev.reloadhook.demo.items;

import org.jspecify.annotations.NullMarked;
