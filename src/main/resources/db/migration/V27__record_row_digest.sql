-- A digest of the text each record was imported from (issue "Scale": re-importing an unchanged file skips its
-- unchanged rows cheaply). The import stages every row with a digest of its values as read from the file, seeded
-- with the rules the row was judged and stored by (RowDigest, MetricsImporter); a staged row whose digest a stored
-- row carries is that row again, already accepted by the same rules, and is neither parsed nor checked again.
-- Null for rows stored before this column and for rows written other than by an import (the trigger below): those
-- are compared value by value as before.
alter table review.ticket add column row_digest bytea;
alter table review.service_session add column row_digest bytea;
alter table review.survey add column row_digest bytea;
alter table review.revisit add column row_digest bytea;
alter table review.complaint add column row_digest bytea;
alter table review.spot_check add column row_digest bytea;
alter table review.report_submission add column row_digest bytea;
alter table review.service_event add column row_digest bytea;
alter table review.attendance add column row_digest bytea;
alter table review.kpi_input add column row_digest bytea;

-- A row changed by hand no longer holds what its digest describes: the next import of the file must compare it and
-- restore the file's values. An import's update always brings a new digest, so the trigger never fires for it.
create function review.forget_row_digest() returns trigger language plpgsql as $f$
begin
    new.row_digest := null;
    return new;
end
$f$;
create trigger ticket_forget_row_digest before update on review.ticket
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
create trigger service_session_forget_row_digest before update on review.service_session
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
create trigger survey_forget_row_digest before update on review.survey
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
create trigger revisit_forget_row_digest before update on review.revisit
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
create trigger complaint_forget_row_digest before update on review.complaint
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
create trigger spot_check_forget_row_digest before update on review.spot_check
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
create trigger report_submission_forget_row_digest before update on review.report_submission
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
create trigger service_event_forget_row_digest before update on review.service_event
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
create trigger attendance_forget_row_digest before update on review.attendance
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
create trigger kpi_input_forget_row_digest before update on review.kpi_input
    for each row when (new.row_digest is not distinct from old.row_digest and old.row_digest is not null)
    execute function review.forget_row_digest();
