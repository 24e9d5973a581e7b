merge into owner (id, name, city) key (id) values (1, 'Ada', 'London'), (2, 'Grace', 'Arlington'), (3, 'Linus', 'Helsinki');
merge into pet (id, name, type, owner_id) key (id) values (1, 'Tom', 'CAT', 1), (2, 'Rex', 'DOG', 2), (3, 'Tux', 'BIRD', 3);
alter table owner alter column id restart with 100;
alter table pet alter column id restart with 100;
