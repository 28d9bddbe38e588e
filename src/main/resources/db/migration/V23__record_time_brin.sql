-- Imports at scale (issue "Scale"). The raw records are read only month by month (KpiAggregator,
-- Absences: "where started_at >= :from and started_at < :to"), and they arrive a month's file at a
-- time, so each month's rows lie together in the table. A BRIN index (the block ranges' lowest and
-- highest time) finds a month as well as a B-tree does there, and costs almost nothing to keep: the
-- B-tree on random times within the month was a third of a million-record import (2.4 s of 6.8 s
-- measured on 1,000,000 sessions). autosummarize has autovacuum summarise each block range once it
-- is full; a range not yet summarised is simply read, so a month's query right after its import is
-- still correct and reads what a sequential scan of the new rows would.
drop index review.ticket_opened_idx;
create index ticket_opened_idx on review.ticket using brin (opened_at) with (autosummarize = on);
drop index review.service_session_started_idx;
create index service_session_started_idx on review.service_session using brin (started_at) with (autosummarize = on);
drop index review.survey_surveyed_idx;
create index survey_surveyed_idx on review.survey using brin (surveyed_at) with (autosummarize = on);
drop index review.revisit_revisited_idx;
create index revisit_revisited_idx on review.revisit using brin (revisited_at) with (autosummarize = on);
drop index review.complaint_received_idx;
create index complaint_received_idx on review.complaint using brin (received_at) with (autosummarize = on);
drop index review.spot_check_checked_idx;
create index spot_check_checked_idx on review.spot_check using brin (checked_at) with (autosummarize = on);
drop index review.report_submission_submitted_idx;
create index report_submission_submitted_idx on review.report_submission using brin (submitted_at) with (autosummarize = on);
drop index review.service_event_occurred_idx;
create index service_event_occurred_idx on review.service_event using brin (occurred_at) with (autosummarize = on);
drop index review.attendance_work_date_idx;
create index attendance_work_date_idx on review.attendance using brin (work_date) with (autosummarize = on);

