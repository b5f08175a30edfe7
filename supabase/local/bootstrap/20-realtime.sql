-- Realtime: what supabase/realtime keeps in a project database, plus the change capture that
-- stands in for logical replication (PGlite has none; PostgreSQL uses the same path so both
-- behave alike). Runs on every boot after 00 and 10: every statement is idempotent.
--
-- Hosted names kept as-is so app migrations run unchanged: realtime.messages (RLS decides who may
-- receive from / send to a private channel) and realtime.topic(). Everything named realtime.local_*
-- or realtime.changes exists only here.

create schema if not exists realtime;
grant usage on schema realtime to postgres, anon, authenticated, service_role;

-- supabase/realtime migration 20240523004032 (+ later payload/event/private columns). Not
-- partitioned here: rows only live inside the rolled-back authorization checks.
create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
);
create index if not exists messages_topic_index on realtime.messages (topic);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to postgres, anon, authenticated, service_role;

create or replace function realtime.topic() returns text language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
grant execute on function realtime.topic() to postgres, anon, authenticated, service_role;

-- The capture queue. Unlogged: it holds rows for milliseconds, and a crash loses only changes
-- no client could have been promised. NOTIFY carries no row data (its payload is capped at
-- 8000 bytes and identical payloads fold into one per transaction), so the server drains this.
create unlogged table if not exists realtime.changes (
  id bigint generated always as identity primary key,
  relid oid not null,
  kind text not null,
  record jsonb,
  old_record jsonb,
  committed_at timestamptz not null default now()
);

-- Security definer: the writer may be anon or authenticated, who must not see the queue.
create or replace function realtime.local_capture() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into realtime.changes (relid, kind, record, old_record)
  values (
    tg_relid,
    tg_op,
    case when tg_op <> 'DELETE' then to_jsonb(new) end,
    case when tg_op <> 'INSERT' then to_jsonb(old) end
  );
  perform pg_notify('realtime_local', 'c');
  return null;
end
$$;
revoke all on function realtime.local_capture() from public;

-- Puts the capture trigger on every table of publication supabase_realtime and takes it off
-- tables that left it. Called at boot after migrations, by the DDL event trigger below, and on
-- joins when that event trigger could not be installed.
create or replace function realtime.local_sync_triggers() returns void
language plpgsql as $$
declare
  r record;
begin
  for r in
    select c.oid::regclass as rel
    from pg_publication_tables p
    join pg_namespace n on n.nspname = p.schemaname
    join pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
    where p.pubname = 'supabase_realtime'
      and c.relkind = 'r'
      and not exists (
        select 1 from pg_trigger t
        where t.tgrelid = c.oid and t.tgname = 'supabase_realtime_capture'
      )
  loop
    execute format(
      'create trigger supabase_realtime_capture after insert or update or delete on %s '
      'for each row execute function realtime.local_capture()', r.rel);
  end loop;

  for r in
    select t.tgrelid::regclass as rel
    from pg_trigger t
    where t.tgname = 'supabase_realtime_capture'
      and not exists (
        select 1 from pg_publication_tables p
        join pg_namespace n on n.nspname = p.schemaname
        join pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
        where p.pubname = 'supabase_realtime' and c.oid = t.tgrelid
      )
  loop
    execute format('drop trigger supabase_realtime_capture on %s', r.rel);
  end loop;
end
$$;

-- Any DDL may change what the server caches (columns, grants, RLS); publication and table DDL
-- may change which tables are captured. A failure here must never break the user's DDL.
create or replace function realtime.local_on_ddl() returns event_trigger
language plpgsql as $$
begin
  perform pg_notify('realtime_local', 'd');
  if tg_tag in ('ALTER PUBLICATION', 'CREATE PUBLICATION', 'DROP PUBLICATION',
                'CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO') then
    begin
      perform realtime.local_sync_triggers();
    exception when others then
      raise warning 'realtime: could not sync capture triggers: %', sqlerrm;
    end;
  end if;
end
$$;

-- Event triggers need a superuser (PGlite's postgres is one). Without the privilege the server
-- falls back to syncing at boot and on every postgres_changes join.
do $$
begin
  if not exists (select 1 from pg_event_trigger where evtname = 'realtime_local_ddl') then
    create event trigger realtime_local_ddl on ddl_command_end
      execute function realtime.local_on_ddl();
  end if;
exception when insufficient_privilege then
  raise notice 'realtime: no event trigger (not a superuser); triggers sync on join instead';
end
$$;

-- One postgres_changes filter, both sides cast to the column type in SQL so that numbers,
-- timestamps and uuids compare as such (supabase/realtime realtime.check_equality_op). A null
-- result never passes, negated or not.
create or replace function realtime.local_check_filter(
  op text, type_ regtype, val_1 text, val_2 text, negate boolean
) returns boolean language plpgsql stable as $$
declare
  res boolean;
  sym text;
begin
  if op = 'isdistinct' then
    execute format('select $1::%s %s $2::%s', type_,
      case when negate then 'is not distinct from' else 'is distinct from' end, type_)
      into res using val_1, val_2;
    return coalesce(res, false);
  end if;
  if op = 'is' then
    if val_2 not in ('null', 'true', 'false', 'unknown') then
      raise exception 'invalid value for is filter: must be null, true, false, or unknown';
    end if;
    execute format('select $1::%s %s %s', type_, case when negate then 'is not' else 'is' end,
      upper(val_2)) into res using val_1;
    return coalesce(res, false);
  end if;
  sym := case op
    when 'eq' then '=' when 'neq' then '<>' when 'lt' then '<' when 'lte' then '<='
    when 'gt' then '>' when 'gte' then '>=' when 'in' then '= any'
    when 'like' then 'like' when 'ilike' then 'ilike' when 'match' then '~' when 'imatch' then '~*'
  end;
  if sym is null then
    raise exception 'unsupported equality operator: %', op;
  end if;
  execute format('select $1::%s %s ($2::%s)', type_, sym,
    case when op = 'in' then type_::text || '[]' else type_::text end)
    into res using val_1, val_2;
  return coalesce(case when negate then not res else res end, false);
end
$$;

-- Rejects at subscribe time what would otherwise fail for every change (supabase/realtime
-- realtime.subscription_check_filters): unknown or unselectable columns, values that do not
-- cast to the column type, oversized `in` lists, bad regexes. filters: [[col, op, value, negate]].
create or replace function realtime.local_check_subscription(
  entity regclass, role_ text, filters jsonb, selected text[]
) returns void language plpgsql stable as $$
declare
  col_names text[];
  f jsonb;
  col_type regtype;
  n int;
  c text;
begin
  if to_regrole(quote_ident(role_)) is null then
    raise exception 'role "%" does not exist', role_;
  end if;
  select coalesce(array_agg(a.attname::text order by a.attnum), '{}') into col_names
  from pg_attribute a
  where a.attrelid = entity and a.attnum > 0 and not a.attisdropped
    and has_column_privilege(role_, a.attrelid, a.attnum, 'SELECT');

  for f in select * from jsonb_array_elements(filters) loop
    if not (f ->> 0) = any(col_names) then
      raise exception 'invalid column for filter %', f ->> 0;
    end if;
    select a.atttypid::regtype into col_type
    from pg_attribute a where a.attrelid = entity and a.attname = f ->> 0;
    if f ->> 1 = 'in' then
      execute format('select cardinality($1::%s[])', col_type) into n using f ->> 2;
      if coalesce(n, 0) > 100 then
        raise exception 'too many values for `in` filter. Maximum 100';
      end if;
    elsif f ->> 1 = 'is' then
      if f ->> 2 not in ('null', 'true', 'false', 'unknown') then
        raise exception 'invalid value for is filter: must be null, true, false, or unknown';
      end if;
      if f ->> 2 <> 'null' and col_type <> 'boolean'::regtype then
        raise exception 'is % filter requires a boolean column, got %', f ->> 2, col_type;
      end if;
    elsif f ->> 1 in ('like', 'ilike', 'match', 'imatch') then
      if not exists (
        select 1 from pg_operator
        where oprname = case f ->> 1 when 'like' then '~~' when 'ilike' then '~~*'
                                     when 'match' then '~' else '~*' end
          and oprleft = col_type
      ) then
        raise exception 'operator % requires a text-compatible column type, got %', f ->> 1, col_type;
      end if;
      if f ->> 1 in ('match', 'imatch') then
        begin
          perform '' ~ (f ->> 2);
        exception when others then
          raise exception 'invalid regular expression for % filter: %', f ->> 1, sqlerrm;
        end;
      end if;
    else
      execute format('select $1::%s', col_type) using f ->> 2;
    end if;
  end loop;

  foreach c in array coalesce(selected, '{}') loop
    if not c = any(col_names) then
      raise exception 'invalid column for select %', c;
    end if;
  end loop;
end
$$;

-- Which subscribers may see one change (supabase/realtime realtime.apply_rls, reduced to the
-- decision). sets: the distinct filter sets, each [[col, op, value, negate], …], run once on
-- `rec` (the new row, or for a DELETE its replica identity). groups: [{role, claims, sets:
-- [index, …]}], one per distinct claims; for INSERT/UPDATE on an RLS table each is checked
-- once: as that role with those claims, is the row (by primary key) selectable now? Returns,
-- per group, one boolean per listed set. No exception block per group (a subtransaction each
-- would cost more than the check): a policy that raises fails the call, and the server then
-- asks again one group at a time.
-- An earlier form took the filter sets inside each group; databases booted with it keep it.
drop function if exists realtime.local_visibility(regclass, text, jsonb, jsonb);
create or replace function realtime.local_visibility(
  entity regclass, action text, rec jsonb, sets jsonb, groups jsonb
) returns jsonb language plpgsql volatile as $$
declare
  is_rls boolean := action <> 'DELETE'
    and (select c.relrowsecurity from pg_class c where c.oid = entity);
  types jsonb;
  rls_sql text;
  passes boolean[] := '{}';
  fset jsonb;
  f jsonb;
  ok boolean;
  grp jsonb;
  visible boolean;
  result jsonb := '[]';
begin
  select jsonb_object_agg(a.attname::text, a.atttypid::regtype::text) into types
  from pg_attribute a where a.attrelid = entity and a.attnum > 0 and not a.attisdropped;

  for fset in select * from jsonb_array_elements(sets) loop
    ok := true;
    for f in select * from jsonb_array_elements(fset) loop
      if not (rec ? (f ->> 0)) or not realtime.local_check_filter(
        f ->> 1, (types ->> (f ->> 0))::regtype, rec ->> (f ->> 0), f ->> 2, (f ->> 3)::boolean
      ) then
        ok := false;
        exit;
      end if;
    end loop;
    passes := passes || ok;
  end loop;

  -- Planned once per call, not once per group: planning dominates a check. The row travels in
  -- a setting so the statement needs no parameters; all groups of one role share its plan.
  if is_rls then
    perform set_config('realtime.local_row', rec::text, true);
    if exists (select 1 from pg_prepared_statements where name = 'realtime_local_rls') then
      deallocate realtime_local_rls;
    end if;
    select format(
      'prepare realtime_local_rls as select exists(select 1 from '
      'jsonb_populate_record(null::%1$s, current_setting(''realtime.local_row'')::jsonb) r, '
      '%1$s t where %2$s)',
      entity, coalesce(string_agg(format('t.%1$I = r.%1$I', a.attname), ' and '), 'false'))
    into rls_sql
    from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = entity and i.indisprimary;
    execute rls_sql;
  end if;

  for grp in select * from jsonb_array_elements(groups) loop
    visible := true;
    if is_rls and exists (
      select 1 from jsonb_array_elements_text(grp -> 'sets') i where passes[i::int + 1]
    ) then
      perform set_config('role', grp ->> 'role', true),
              set_config('request.jwt.claims', grp ->> 'claims', true);
      execute 'execute realtime_local_rls' into visible;
      perform set_config('role', 'none', true);
    end if;
    result := result || jsonb_build_array((
      select coalesce(jsonb_agg(coalesce(visible and passes[i::int + 1], false) order by n), '[]')
      from jsonb_array_elements_text(grp -> 'sets') with ordinality as x(i, n)
    ));
  end loop;
  if is_rls then
    deallocate realtime_local_rls;
  end if;
  return result;
end
$$;

-- Internal to the server (which runs them with full rights); nothing for API roles to call.
revoke all on function realtime.local_visibility(regclass, text, jsonb, jsonb, jsonb) from public;
revoke all on function realtime.local_check_filter(text, regtype, text, text, boolean) from public;
revoke all on function realtime.local_sync_triggers() from public;
revoke all on function realtime.local_check_subscription(regclass, text, jsonb, text[]) from public;
