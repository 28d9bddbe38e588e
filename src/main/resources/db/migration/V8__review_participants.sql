-- Who works each step of a review (review integrity). Routing lives here, not in process
-- variables, so no participant can steer it through the engine's API; an escalation moves a
-- step one level up by changing its row (and the audit trail says so).
--   role: self, supervisor, indirect, interviewer, appeal-coordinator (one row each, position 0)
--         group (the R1 group reviewers, positions 0..n)
create table review.participant (
    review_id  text not null references review.review (id),
    role       text not null,
    position   int  not null default 0,
    user_id    text not null references review.employee (id),
    primary key (review_id, role, position)
);

-- Each process instance belongs to at most one review: the routing lookup by instance is unique.
create unique index review_process_instance_idx on review.review (process_instance_id);

create trigger participant_frozen before insert or update or delete on review.participant
    for each row execute function review.forbid_archived_change();
