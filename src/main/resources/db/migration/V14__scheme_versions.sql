-- Schemes are data HR publishes (POST /api/schemes): each version keeps the document as published,
-- from which period new reviews use it, and who published it when. Built-in versions (the files
-- shipped on the classpath) have no effective_from: they are in force from the first period on.
alter table review.scheme_version rename column first_loaded_at to published_at;
alter table review.scheme_version
    add column effective_from text check (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    add column published_by   text not null default 'system';

-- A cycle keeps the version in force for its period when it started, so its quota and the reviews
-- it launches later agree even when HR publishes a new version for that period meanwhile.
alter table review.cycle add column scheme_version int;
update review.cycle c
   set scheme_version = (select max(s.version) from review.scheme_version s where s.scheme_id = c.scheme_id);
alter table review.cycle
    add foreign key (scheme_id, scheme_version) references review.scheme_version (scheme_id, version);
