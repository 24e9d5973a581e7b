package dev.reloadhook.demo.items;

/**
 * An item.
 *
 * @param id the identifier
 * @param name the name
 * @param quantity how many there are
 * @author reload-hook
 */
public record Item(long id, String name, int quantity) {
}
