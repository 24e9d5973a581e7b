/**
 * What a closed generation leaves behind, released so that its class loader can be
 * collected: Spring's and libraries' caches, static fields, JDBC drivers, MBeans and
 * global meter registries.
 */
@NullMarked
package dev.reloadhook.reload.cleanup;

import org.jspecify.annotations.NullMarked;
