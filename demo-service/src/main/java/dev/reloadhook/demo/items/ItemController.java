package dev.reloadhook.demo.items;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for items.
 *
 * @author reload-hook
 */
@RestController
@RequestMapping("/api/items")
class ItemController {

	private final ItemService items;

	ItemController(ItemService items) {
		this.items = items;
	}

	@GetMapping
	List<Item> list() {
		return this.items.all();
	}

	@GetMapping("/{id}")
	ResponseEntity<Item> get(@PathVariable long id) {
		return ResponseEntity.of(this.items.find(id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Item add(@RequestBody NewItem item) {
		return this.items.add(item.name(), item.quantity());
	}

	record NewItem(String name, int quantity) {
	}

}
