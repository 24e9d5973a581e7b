/**
 * The bean tier: structural changes confined to leaf controllers and new leaf components,
 * applied in the running application context by defining the new class versions in a
 * child class loader of the serving generation and replacing only those beans and their
 * request mappings.
 */
@NullMarked
package dev.reloadhook.reload.bean;

import org.jspecify.annotations.NullMarked;
