-- Our own tables. They live in schema "review" so that they never mix with Camunda's ACT_* tables
-- (schema "public", managed by the engine itself).

create table review.org_unit (
    id               text primary key,
    parent_id        text references review.org_unit (id),
    kind             text not null check (kind in ('DEPARTMENT', 'TEAM')),
    name_zh          text not null,
    name_en          text not null,
    head_employee_id text
);

create table review.employee (
    id            text primary key,            -- equals the Camunda user id
    name_zh       text    not null,
    name_en       text    not null,
    email         text,
    org_unit_id   text references review.org_unit (id),
    job_title     text,
    role          text    not null
        check (role in ('EMPLOYEE', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'HR', 'ADMIN')),
    supervisor_id text references review.employee (id),  -- direct supervisor
    hired_on      date    not null,
    active        boolean not null default true
);

-- A unit and its head refer to each other; deferring the check lets both be inserted in one transaction.
alter table review.org_unit
    add constraint org_unit_head_fk foreign key (head_employee_id) references review.employee (id)
        deferrable initially deferred;

create index employee_supervisor_idx on review.employee (supervisor_id);
create index employee_org_unit_idx on review.employee (org_unit_id);

create table review.audit_event (
    id          bigserial primary key,
    occurred_at timestamptz not null default now(),
    actor       text        not null,
    action      text        not null,
    subject     text,
    detail      jsonb
);

create index audit_event_subject_idx on review.audit_event (subject, occurred_at);

-- Every scoring-scheme version ever loaded, so that a finished review can always be re-scored
-- with the exact scheme it was scored with.
create table review.scheme_version (
    scheme_id       text        not null,
    version         int         not null,
    content_hash    text        not null,
    document        text        not null,
    first_loaded_at timestamptz not null default now(),
    primary key (scheme_id, version)
);
