-- What a closed cycle means for each person (domain §5): rewards, deductions, follow-ups, tiers.
create table review.consequence (
    id          bigserial primary key,
    cycle_id    text        not null references review.cycle (id),
    employee_id text        not null references review.employee (id),
    rule        text        not null,    -- C1, C2, C4, T1
    kind        text        not null,    -- e.g. monthly-first-reward, rectification-plan, talent-pool, tier
    amount      numeric(10, 2),          -- yuan, + reward / − deduction
    detail      text        not null,
    created_at  timestamptz not null default now(),
    unique (cycle_id, employee_id, rule, kind)
);

-- C1: the bottom two analyse causes and submit a rectification plan within one week.
create table review.rectification_plan (
    cycle_id     text        not null references review.cycle (id),
    employee_id  text        not null references review.employee (id),
    causes       text        not null,
    plan         text        not null,
    target_date  date        not null,
    submitted_by text        not null,
    submitted_at timestamptz not null default now(),
    primary key (cycle_id, employee_id)
);
