-- Imports at scale (issue "Scale"): the records' text ids compare byte by byte. They are ids from other
-- systems, never sorted for people, and the database's default collation (C.UTF-8 on the embedded
-- server) makes every comparison of the primary key's B-tree a locale comparison: inserting 1,000,000
-- sessions took 2.8 s with it and 1.9 s with "C" (same machine, PostgreSQL 17). The import's staging
-- table declares the same collation on these columns (StagingTable), so the two compare without a
-- collation conflict. Rewrites each table and its key once.
alter table review.ticket alter column ticket_id type text collate "C";
alter table review.service_session alter column session_id type text collate "C";
alter table review.survey alter column survey_id type text collate "C";
alter table review.revisit alter column revisit_id type text collate "C";
alter table review.complaint alter column complaint_id type text collate "C";
alter table review.spot_check alter column check_id type text collate "C";
alter table review.report_submission alter column report_id type text collate "C";
alter table review.service_event alter column event_id type text collate "C";
