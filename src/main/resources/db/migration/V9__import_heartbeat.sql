-- Imports survive the death of the node that runs them: a running import names its node and beats
-- (heartbeat_at, every 10 s). One whose heartbeat stopped is marked FAILED "interrupted" by whichever
-- node notices first, and its temporary upload copy (upload_path) is removed. Its data never half
-- lands: an import stores everything in one transaction, which PostgreSQL rolls back.
alter table review.metric_import
    add column node         text,
    add column heartbeat_at timestamptz,
    add column upload_path  text;

create index metric_import_running on review.metric_import (heartbeat_at) where status = 'RUNNING';
