INSERT INTO item (name, quantity) SELECT 'kettle', 3 WHERE NOT EXISTS (SELECT 1 FROM item);
