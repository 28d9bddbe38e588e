-- Cheaper lenient parsers for imports (issue "Scale"): the same answers as V3's, but the character
-- filter is a negated regular-expression class instead of translate() (which builds a new string:
-- about three times slower on a date-time), and try_boolean looks the exact spelling up first
-- (one CASE over the value, lower() only for other spellings such as 'Yes'). On PostgreSQL 14 and
-- 15 V10's PL/pgSQL parsers stay: they have no pg_input_is_valid.
do $migration$
begin
    if current_setting('server_version_num')::int < 160000 then
        return;
    end if;
    create or replace function review.try_timestamp(v text) returns timestamp language sql stable as $f$
        select case when v !~ '[^0-9/:. T-]' and pg_input_is_valid(v, 'timestamp') then v::timestamp end
    $f$;

    create or replace function review.try_date(v text) returns date language sql stable as $f$
        select case when v !~ '[^0-9/-]' and pg_input_is_valid(v, 'date') then v::date end
    $f$;

    create or replace function review.try_numeric(v text) returns numeric language sql stable as $f$
        select case when v !~ '[^0-9.+-]' and pg_input_is_valid(v, 'numeric') then v::numeric end
    $f$;

    create or replace function review.try_count(v text) returns int language sql stable as $f$
        select case when v !~ '[^0-9+]' and pg_input_is_valid(v, 'integer') then v::int end
    $f$;
end
$migration$;

create or replace function review.try_boolean(v text) returns boolean language sql immutable as $$
    select case v
        when 'yes' then true when 'no' then false when 'true' then true when 'false' then false
        when '1' then true when '0' then false when 'y' then true when 'n' then false
        when 't' then true when 'f' then false when '是' then true when '否' then false
        else case lower(v)
            when 'yes' then true when 'no' then false when 'true' then true when 'false' then false
            when 'y' then true when 'n' then false when 't' then true when 'f' then false end
    end
$$;
