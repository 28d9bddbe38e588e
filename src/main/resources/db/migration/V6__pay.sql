-- Pay (domain §5 M1–M4), see docs/pay.md. Amounts are yuan with two decimals.

-- What HR enters per employee and month (PUT /api/pay/inputs/{period}).
create table review.pay_employee_input (
    period        text           not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    employee_id   text           not null references review.employee (id),
    post_salary   numeric(14, 2) not null check (post_salary >= 0),    -- 岗位工资
    own_sales     numeric(14, 2) not null check (own_sales >= 0),      -- 个人销售额
    seniority_pay numeric(14, 2) not null check (seniority_pay >= 0),  -- 工龄工资
    updated_by    text           not null,
    updated_at    timestamptz    not null default now(),
    primary key (period, employee_id)
);

-- What HR enters per unit (team or department) and month.
create table review.pay_unit_input (
    period            text           not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    unit_id           text           not null references review.org_unit (id),
    team_bonus_pool   numeric(14, 2) not null check (team_bonus_pool >= 0),  -- 团队总奖金 (M1)
    team_sales        numeric(14, 2) not null check (team_sales >= 0),       -- 团队销售额 (M1)
    public_sales      numeric(14, 2) not null check (public_sales >= 0),     -- 公共销售业绩总额 (M2)
    bonus_pool        numeric(14, 2) not null check (bonus_pool >= 0),       -- 奖金池 (M4, split 5:2:3)
    updated_by        text           not null,
    updated_at        timestamptz    not null default now(),
    primary key (period, unit_id)
);

-- The computed pay of a cycle: one row per employee and line; recomputing replaces the cycle's rows.
create table review.pay_line (
    cycle_id    text           not null references review.cycle (id),
    employee_id text           not null references review.employee (id),
    kind        text           not null,   -- see com.servicereview.pay.PayLineKind
    amount      numeric(14, 2) not null,
    formula     text           not null,   -- the arithmetic with the figures used
    computed_at timestamptz    not null default now(),
    primary key (cycle_id, employee_id, kind)
);
