-- PostgreSQL 14 and 15 have no pg_input_is_valid (16+), which V3's lenient parsers call. On those
-- versions V3 is created with check_function_bodies off (PortableMigrations) and its parsers are
-- replaced here by PL/pgSQL ones that try the cast and catch the error: the same answers, but one
-- subtransaction per call and no inlining, so bulk imports are slower there. On 16+ this changes
-- nothing and V3's inlined parsers stay. (V3 itself is unchanged: editing an applied migration would
-- break the checksum of every existing database.)
do $migration$
begin
    if current_setting('server_version_num')::int >= 160000 then
        return;
    end if;
    create or replace function review.try_timestamp(v text) returns timestamp language plpgsql stable as $f$
    begin
        if translate(v, '0123456789-/:. T', '') <> '' then return null; end if;
        return v::timestamp;
    exception when data_exception then return null;
    end $f$;

    create or replace function review.try_date(v text) returns date language plpgsql stable as $f$
    begin
        if translate(v, '0123456789-/', '') <> '' then return null; end if;
        return v::date;
    exception when data_exception then return null;
    end $f$;

    create or replace function review.try_numeric(v text) returns numeric language plpgsql stable as $f$
    begin
        if translate(v, '0123456789.+-', '') <> '' then return null; end if;
        return v::numeric;
    exception when data_exception then return null;
    end $f$;

    create or replace function review.try_count(v text) returns int language plpgsql stable as $f$
    begin
        if translate(v, '0123456789+', '') <> '' then return null; end if;
        return v::int;
    exception when data_exception then return null;
    end $f$;
end
$migration$;
