-- Half-year, quarter and year cycles roll up the months: a period is YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY.
alter table review.cycle drop constraint cycle_period_check;
alter table review.cycle add constraint cycle_period_check check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$');

-- A roll-up member's total: the mean of their monthly review totals in the period.
alter table review.cycle_member add column rolled_total numeric(6, 2);
