-- The launch slice of each eligible member, fixed when the cycle is prepared (service-review.cycle.launch-batch
-- members a slice, in employee id order). Each slice read its members by numbering all of the cycle's members
-- again: 400 slices × 10,000 rows for a cycle of 10,000, growing with the square of the cycle.
alter table review.cycle_member add column launch_slice integer;

-- Cycles prepared before: the slices as the default size of 25 numbered them.
update review.cycle_member m
   set launch_slice = s.n / 25
  from (select cycle_id, employee_id, row_number() over (partition by cycle_id order by employee_id) - 1 as n
          from review.cycle_member where eligible) s
 where m.cycle_id = s.cycle_id and m.employee_id = s.employee_id;

create index cycle_member_slice_idx on review.cycle_member (cycle_id, launch_slice);
