-- Raw service records imported by the metrics package, and the import jobs. KPIs are computed
-- from these tables in SQL (com.servicereview.metrics.KpiAggregator) into review.kpi_value and
-- review.kpi_event. Every record has its natural business key as primary key: an import upserts
-- by that key, so importing the same file twice counts nothing twice. import_id names the import
-- that last changed the row.
--
-- No foreign key to review.employee: every import checks its employee ids (unknown ones are errors)
-- before it stores anything, and a per-row foreign-key check would slow bulk imports several-fold.

-- One row per import job: its progress while it runs, then its outcome and errors.
create table review.metric_import (
    id             text primary key,
    record_type    text        not null,
    file_name      text        not null,
    format         text        not null check (format in ('CSV', 'XLSX', 'JSON')),
    status         text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    started_by     text        not null,
    started_at     timestamptz not null default now(),
    finished_at    timestamptz,
    rows_read      bigint      not null default 0,
    rows_inserted  bigint,
    rows_updated   bigint,
    rows_unchanged bigint,
    periods        text[],
    error_count    bigint      not null default 0,
    errors         jsonb       not null default '[]',
    message        text,
    timings        jsonb
);

-- Tickets / cases 工单: a ticket counts in the month it was opened.
create table review.ticket (
    ticket_id         text primary key,
    employee_id       text      not null,
    channel           text      not null check (channel in ('phone', 'chat', 'email', 'web', 'other')),
    after_sales       boolean   not null,
    opened_at         timestamp not null,
    first_response_at timestamp,
    resolved_at       timestamp,
    contacts          int       not null check (contacts >= 1),
    reopened          int       not null check (reopened >= 0),
    escalated         boolean   not null,
    import_id         text      not null
);
create index ticket_opened_idx on review.ticket (opened_at);

-- Chat and call sessions 会话/通话, with the order and payment that followed.
create table review.service_session (
    session_id             text primary key,
    employee_id            text      not null,
    channel                text      not null check (channel in ('chat', 'call')),
    direction              text      not null check (direction in ('in', 'out')),
    started_at             timestamp not null,
    outcome                text      not null check (outcome in ('answered', 'abandoned', 'transferred')),
    first_response_seconds numeric check (first_response_seconds >= 0),
    inquiry                boolean   not null,
    ordered                boolean   not null,
    paid                   boolean   not null,
    amount                 numeric   not null check (amount >= 0),
    import_id              text      not null
);
create index service_session_started_idx on review.service_session (started_at);

-- Satisfaction surveys 满意度调查: score on a scale of 0..scale.
create table review.survey (
    survey_id   text primary key,
    employee_id text      not null,
    surveyed_at timestamp not null,
    score       numeric   not null check (score >= 0),
    scale       numeric   not null check (scale > 0 and score <= scale),
    import_id   text      not null
);
create index survey_surveyed_idx on review.survey (surveyed_at);

-- Revisits 回访; authentic is null until the revisit's authenticity was checked.
create table review.revisit (
    revisit_id   text primary key,
    employee_id  text      not null,
    revisited_at timestamp not null,
    authentic    boolean,
    import_id    text      not null
);
create index revisit_revisited_idx on review.revisit (revisited_at);

-- Customer complaints 投诉 against an agent.
create table review.complaint (
    complaint_id text primary key,
    employee_id  text      not null,
    received_at  timestamp not null,
    ticket_id    text,
    import_id    text      not null
);
create index complaint_received_idx on review.complaint (received_at);

-- Spot checks 抽查 (P12: at least weekly, by HQ).
create table review.spot_check (
    check_id    text primary key,
    employee_id text      not null,
    checked_at  timestamp not null,
    result      text      not null check (result in ('pass', 'fail')),
    import_id   text      not null
);
create index spot_check_checked_idx on review.spot_check (checked_at);

-- Report submissions 报表上交 and whether the report was found truthful.
create table review.report_submission (
    report_id    text primary key,
    employee_id  text      not null,
    submitted_at timestamp not null,
    truthful     boolean   not null,
    import_id    text      not null
);
create index report_submission_submitted_idx on review.report_submission (submitted_at);

-- Praise, criticism and notices (the schemes' event types); points only for ranged types.
create table review.service_event (
    event_id    text primary key,
    employee_id text      not null,
    occurred_at timestamp not null,
    event_type  text      not null,
    points      numeric,
    import_id   text      not null
);
create index service_event_occurred_idx on review.service_event (occurred_at);

-- Attendance 出勤: one row per scheduled working day (应出勤) and what the employee did.
create table review.attendance (
    employee_id text not null,
    work_date   date not null,
    status      text not null check (status in ('present', 'leave', 'absent')),
    import_id   text not null,
    primary key (employee_id, work_date)
);
create index attendance_work_date_idx on review.attendance (work_date);

-- KPI inputs measured elsewhere (e.g. sales-target completion from the ERP), taken as they are.
create table review.kpi_input (
    employee_id text    not null,
    period      text    not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    input_key   text    not null,
    value       numeric not null check (value >= 0),
    import_id   text    not null,
    primary key (employee_id, period, input_key)
);

-- Lenient parsers for staged text: the value, or null when the text is not one. SQL functions of
-- one expression, so the planner inlines them into the set-based parse. PostgreSQL's own input
-- functions judge the value (pg_input_is_valid, PostgreSQL 16+); translate() first limits the
-- characters, which is much cheaper than a regular expression and keeps out what the input
-- functions would also take: 'now', 'infinity', time zones (ignored by timestamp), 'NaN', exponents.
create function review.try_timestamp(v text) returns timestamp language sql stable as $$
    select case when translate(v, '0123456789-/:. T', '') = '' and pg_input_is_valid(v, 'timestamp') then v::timestamp end
$$;

create function review.try_date(v text) returns date language sql stable as $$
    select case when translate(v, '0123456789-/', '') = '' and pg_input_is_valid(v, 'date') then v::date end
$$;

create function review.try_numeric(v text) returns numeric language sql stable as $$
    select case when translate(v, '0123456789.+-', '') = '' and pg_input_is_valid(v, 'numeric') then v::numeric end
$$;

create function review.try_count(v text) returns int language sql stable as $$
    select case when translate(v, '0123456789+', '') = '' and pg_input_is_valid(v, 'integer') then v::int end
$$;

create function review.try_boolean(v text) returns boolean language sql immutable as $$
    select case when lower(v) in ('yes', 'y', 'true', 't', '1', '是') then true
                when lower(v) in ('no', 'n', 'false', 'f', '0', '否') then false end
$$;
