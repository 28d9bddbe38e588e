-- One employee's review for one period (process employee-review). Business data lives here;
-- the process holds the review id and small results only.

-- KPI inputs per employee and period, keyed by the scheme's value keys (complaint-rate, …).
-- Filled by the metrics import or by HR in the data step; the review freezes a snapshot of them.
create table review.kpi_value (
    employee_id text        not null references review.employee (id),
    period      text        not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    input_key   text        not null,
    value       numeric     not null check (value >= 0),
    source      text        not null,
    recorded_at timestamptz not null default now(),
    primary key (employee_id, period, input_key)
);

-- Adjustment events (praise, criticism, audit notices) per employee and period.
create table review.kpi_event (
    id          bigserial primary key,
    employee_id text        not null references review.employee (id),
    period      text        not null,
    event_type  text        not null,
    count       int         not null check (count >= 1),
    points      numeric,
    source      text        not null,
    recorded_at timestamptz not null default now()
);
create index kpi_event_employee_period_idx on review.kpi_event (employee_id, period);

-- Colleagues of related departments who give the group rating (小组考核) for a team's members.
create table review.group_reviewer (
    unit_id     text not null references review.org_unit (id),
    reviewer_id text not null references review.employee (id),
    primary key (unit_id, reviewer_id)
);

create table review.review (
    id                  text primary key,     -- <employee>:<period>:<scheme>
    employee_id         text        not null references review.employee (id),
    period              text        not null,
    scheme_id           text        not null,
    scheme_version      int         not null,
    cycle_id            text,
    process_instance_id text,
    status              text        not null,
    final_total         numeric(6, 2),
    final_grade         text,
    created_at          timestamptz not null default now(),
    unique (employee_id, period, scheme_id),
    foreign key (scheme_id, scheme_version) references review.scheme_version (scheme_id, version)
);

-- The KPI inputs as frozen by the data step, with where each came from.
create table review.kpi_snapshot (
    review_id text primary key references review.review (id),
    inputs    jsonb       not null,
    sources   jsonb       not null,
    measured  jsonb       not null,
    frozen_at timestamptz not null default now()
);

-- Every submission of every rater, round by round (round 2 = re-evaluation under P7).
create table review.rating (
    review_id    text        not null references review.review (id),
    rater_role   text        not null,
    rater_id     text        not null,
    round        int         not null,
    scores       jsonb       not null,
    comment      text,
    explanation  text,
    view_total   numeric(6, 2),
    view_grade   text,
    submitted_at timestamptz not null default now(),
    primary key (review_id, rater_role, rater_id, round)
);

-- The score history: version 1 is the approved result; an upheld appeal adds a version with who and why.
create table review.score (
    review_id  text          not null references review.review (id),
    version    int           not null,
    total      numeric(6, 2) not null,
    grade      text          not null,
    result     jsonb         not null,
    reason     text          not null,
    changed_by text          not null,
    changed_at timestamptz   not null default now(),
    primary key (review_id, version)
);

-- Approvals, send-backs, escalations and other decisions taken on a review.
create table review.decision (
    id         bigserial primary key,
    review_id  text        not null references review.review (id),
    step       text        not null,
    decided_by text        not null,
    outcome    text        not null,
    reason     text,
    decided_at timestamptz not null default now()
);
create index decision_review_idx on review.decision (review_id, decided_at);

-- 绩效面谈表
create table review.interview (
    review_id text primary key references review.review (id),
    held_by   text        not null,
    record    jsonb       not null,
    held_at   timestamptz not null default now()
);

create table review.appeal (
    review_id            text primary key references review.review (id),
    facts                text        not null,
    filed_by             text        not null,
    filed_at             timestamptz not null default now(),
    coordinated_by       text,
    coordination_outcome text,
    coordination_note    text,
    decided_by           text,
    decision             text,
    decision_reason      text,
    corrections          jsonb,
    decided_at           timestamptz,
    status               text        not null
);

-- The archive: one immutable document per review, with its SHA-256.
create table review.archive (
    review_id    text primary key references review.review (id),
    document     jsonb       not null,
    content_hash text        not null,
    archived_at  timestamptz not null default now()
);

-- Once archived, a review can no longer change: not its archive row, nor its ratings, scores,
-- decisions, interview or appeal, nor the review row itself.
create function review.forbid_archived_change() returns trigger language plpgsql as $$
declare
    row_data jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
    target   text  := coalesce(row_data ->> 'review_id', row_data ->> 'id');
begin
    if tg_table_name = 'archive' then
        raise exception 'review % is archived and cannot change', target using errcode = 'P0001';
    end if;
    if exists (select 1 from review.archive a where a.review_id = target) then
        raise exception 'review % is archived and cannot change', target using errcode = 'P0001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger archive_immutable before update or delete on review.archive
    for each row execute function review.forbid_archived_change();
create trigger review_frozen before update or delete on review.review
    for each row execute function review.forbid_archived_change();
create trigger rating_frozen before insert or update or delete on review.rating
    for each row execute function review.forbid_archived_change();
create trigger score_frozen before insert or update or delete on review.score
    for each row execute function review.forbid_archived_change();
create trigger decision_frozen before insert or update or delete on review.decision
    for each row execute function review.forbid_archived_change();
create trigger interview_frozen before insert or update or delete on review.interview
    for each row execute function review.forbid_archived_change();
create trigger appeal_frozen before insert or update or delete on review.appeal
    for each row execute function review.forbid_archived_change();
create trigger snapshot_frozen before insert or update or delete on review.kpi_snapshot
    for each row execute function review.forbid_archived_change();
