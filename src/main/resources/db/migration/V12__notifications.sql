-- Notifications (package notify, README "Notifications"): an outbox written in the transaction of the event
-- that causes it and sent by a scheduled job after commit, and each user's choice between one mail per event
-- and a daily digest.

create table review.notification_preference (
    user_id    text primary key,              -- a Camunda user id
    mode       text        not null check (mode in ('immediate', 'daily-digest')),
    updated_at timestamptz not null default now()
);

create table review.notification (
    id              bigserial primary key,
    recipient       text        not null,     -- a Camunda user id; the address is looked up when sending
    kind            text        not null,
    task_id         text,
    subject         text        not null,
    body_zh         text        not null,
    body_en         text        not null,
    link            text        not null,
    created_at      timestamptz not null default now(),
    status          text        not null default 'PENDING'
        check (status in ('PENDING', 'SENT', 'SKIPPED', 'FAILED', 'DIGESTED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz,
    digest_id       bigint references review.notification (id)
);

-- One mail per task, person and kind: a task's create and assignment events both ask for it.
create unique index notification_task_once on review.notification (task_id, recipient, kind) where task_id is not null;
create index notification_pending_idx on review.notification (next_attempt_at) where status = 'PENDING';
create index notification_recipient_idx on review.notification (recipient) where status = 'PENDING';
