-- A review cycle: one department or team, one month, one scheme (process review-cycle).

create table review.cycle (
    id                  text primary key,     -- <unit>:<period>:<scheme>
    unit_id             text        not null references review.org_unit (id),
    period              text        not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    scheme_id           text        not null,
    status              text        not null,
    process_instance_id text,
    started_by          text        not null,
    created_at          timestamptz not null default now(),
    unique (unit_id, period, scheme_id)
);

-- Who belongs to the cycle, whether they are assessed (P11) and the review launched for them.
create table review.cycle_member (
    cycle_id    text    not null references review.cycle (id),
    employee_id text    not null references review.employee (id),
    eligible    boolean not null,
    reason      text    not null,
    review_id   text,                        -- the review process creates its row asynchronously
    primary key (cycle_id, employee_id)
);

-- G2 calibration: the proposed grade after the quota, and HR's final grade (an override needs a reason).
create table review.calibration (
    cycle_id        text          not null references review.cycle (id),
    employee_id     text          not null references review.employee (id),
    total           numeric(6, 2) not null,
    rank            int           not null,
    natural_grade   text          not null,
    proposed_grade  text          not null,
    final_grade     text,
    override_reason text,
    facts           text,
    decided_by      text,
    decided_at      timestamptz,
    primary key (cycle_id, employee_id)
);
