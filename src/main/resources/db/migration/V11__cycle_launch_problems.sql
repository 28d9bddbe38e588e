-- A member whose review cannot be started by the cycle (no supervisor, a review of another cycle):
-- the launch goes on for the others and records why here, for HR (GET /api/cycles/{id}).
alter table review.cycle_member add column launch_problem text;
