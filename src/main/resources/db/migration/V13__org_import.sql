-- The organisation import and sync (POST /api/org/import, docs/org.md).

-- A unit that a sync removed stays (reviews, cycles and archives refer to it) but is inactive.
alter table review.org_unit add column active boolean not null default true;

alter table review.employee
    add column phone        text,
    add column active_to    date,              -- last working day; active_from is hired_on
    add column hr_committee boolean not null default false;

-- Until now every HR person sat on the HR committee (人事决策委员会); the flag keeps that.
update review.employee set hr_committee = true where role = 'HR';

-- Flags the schemes read as inputs, e.g. dedicated-after-sales (专职售后) of ecommerce-cs-2024.
create table review.employee_flag (
    employee_id text not null references review.employee (id),
    flag        text not null,
    primary key (employee_id, flag)
);

-- A leaver is refused while they take part in a running review: looked up by person.
create index participant_user_idx on review.participant (user_id);
