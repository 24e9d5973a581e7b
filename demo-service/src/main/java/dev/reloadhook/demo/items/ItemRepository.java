package dev.reloadhook.demo.items;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Stores items with plain JDBC.
 *
 * @author reload-hook
 */
@Repository
class ItemRepository {

	private final JdbcClient jdbc;

	ItemRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Item> findAll() {
		return this.jdbc.sql("SELECT id, name, quantity FROM item ORDER BY id").query(Item.class).list();
	}

	Optional<Item> findById(long id) {
		return this.jdbc.sql("SELECT id, name, quantity FROM item WHERE id = ?").param(id).query(Item.class).optional();
	}

	Item insert(String name, int quantity) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO item (name, quantity) VALUES (?, ?)").params(name, quantity).update(keys, "id");
		return new Item(keys.getKey().longValue(), name, quantity);
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM item").query(Long.class).single();
	}

}
