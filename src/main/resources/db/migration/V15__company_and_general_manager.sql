-- Managers are reviewed too (issue 9): the organisation has a top, a company unit (总公司) headed by a
-- general manager (总经理), to whom department heads report.
alter table review.org_unit drop constraint org_unit_kind_check;
alter table review.org_unit add constraint org_unit_kind_check check (kind in ('COMPANY', 'DEPARTMENT', 'TEAM'));

alter table review.employee drop constraint employee_role_check;
alter table review.employee add constraint employee_role_check
    check (role in ('EMPLOYEE', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'GENERAL_MANAGER', 'HR', 'ADMIN'));
