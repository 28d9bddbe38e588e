-- A digest of the text each record was imported from (issue "Scale": re-importing an unchanged file skips its
-- unchanged rows cheaply). The import stages every row with a digest of its values as read from the file, seeded
-- with the rules the row was judged and stored by (RowDigest, MetricsImporter); a staged row whose digest a stored
-- row carries is that row again, already accepted by the same rules, and is neither parsed nor checked again.
-- Null for rows stored before this column and for rows written other than by an import (the trigger below): those
-- are compared value by value as before.

-- A row changed by hand no longer holds what its digest describes: the next import of the file must compare it and
-- restore the file's values. An import's update always brings a new digest, so the trigger never fires for it.
create function review.forget_row_digest() returns trigger language plpgsql as $f$
begin
    new.row_digest := null;
    return new;
end
$f$;

do $d$
declare
    records text;
begin
    foreach records in array array['ticket', 'service_session', 'survey', 'revisit', 'complaint', 'spot_check',
                                   'report_submission', 'service_event', 'attendance', 'kpi_input'] loop
        execute format('alter table review.%I add column row_digest bytea', records);
        execute format('create trigger %I before update on review.%I for each row'
                       || ' when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)'
                       || ' execute function review.forget_row_digest()', records || '_forget_row_digest', records);
    end loop;
end
$d$;
