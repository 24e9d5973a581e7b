package dev.reloadhook.demo.items;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

/**
 * Business rules for items.
 *
 * @author reload-hook
 */
@Service
class ItemService {

	private final ItemRepository items;

	ItemService(ItemRepository items) {
		this.items = items;
	}

	@Transactional(readOnly = true)
	List<Item> all() {
		return this.items.findAll();
	}

	@Transactional(readOnly = true)
	Optional<Item> find(long id) {
		return this.items.findById(id);
	}

	@Transactional
	Item add(String name, int quantity) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.isTrue(quantity >= 0, "'quantity' must not be negative");
		return this.items.insert(name, quantity);
	}

}
