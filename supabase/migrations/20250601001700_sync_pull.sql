-- sync_pull(cursors, page_size): what changed in the tables a till replicates, page by page.
--
-- Every replicated row carries txid = the id of the transaction that last wrote it (set by
-- trigger). A cursor is a position (txid, id); a pull returns rows past the cursor in that order,
-- but only rows whose txid is below the snapshot's xmin — the oldest transaction still running.
-- Everything below xmin has committed (or aborted) and is visible, so no row can later appear
-- behind a cursor already handed out: a transaction that commits late was still running, held
-- xmin at or below its own id, and its rows were simply not offered yet. A row may be re-sent
-- (clients upsert by id); none is ever skipped. A cursor built on now() or a sequence would skip
-- the rows of a transaction that took its stamp early and committed late.

create or replace function app.pull_table(tbl text, tenant uuid, after_txid xid8, after_id uuid,
  horizon xid8, page_size int, read_pins boolean, device uuid, device_location uuid)
returns jsonb language plpgsql stable as $$
declare
  extra text := '';
  filter text := 't.tenant_id = $1';
  page_rows jsonb[];
  positions text[];
  n int;
begin
  case tbl
    when 'tenants' then filter := 't.id = $1';
    when 'devices' then
      -- A till receives its own device row only (and without the pairing code, long spent).
      filter := 't.tenant_id = $1 and t.id = $7';
      extra := ' - ''pairing_code'' - ''pairing_expires_at''';
    when 'roles' then
      extra := ' || jsonb_build_object(''permissions'', (select coalesce(jsonb_agg(rp.permission order by rp.permission), ''[]'')
                                       from public.role_permissions rp where rp.role_id = t.id))';
    when 'staff' then
      extra := ' || jsonb_build_object(''pin_hash'', case when $6 then (select sp.pin_hash from public.staff_pins sp
                                        where sp.staff_id = t.id) end)';
    when 'stock_levels' then
      -- A till replicates the levels of its own outlet's sales location; others get all.
      if device_location is not null then
        filter := 't.tenant_id = $1 and t.location_id = $8';
      end if;
    else null;
  end case;
  execute format(
    'select coalesce(array_agg(s.j order by s.tx, s.id), ''{}''), coalesce(array_agg(s.tx::text || '':'' || s.id order by s.tx, s.id), ''{}'')
     from (select t.txid as tx, t.id, (to_jsonb(t) - ''txid'')%s as j
           from public.%I t
           where %s and (t.txid, t.id) > ($2, $3) and t.txid < $4
           order by t.txid, t.id limit $5) s', extra, tbl, filter)
    into page_rows, positions
    using tenant, after_txid, after_id, horizon, page_size + 1, read_pins, device, device_location;
  n := cardinality(page_rows);
  return jsonb_build_object(
    'rows', to_jsonb(page_rows[1:page_size]),
    'cursor', case when n = 0 then null else positions[least(n, page_size)] end,
    'more', n > page_size);
end
$$;

create or replace function public.sync_pull(cursors jsonb default '{}', page_size integer default 500)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  tenant uuid := app.tenant_id();
  device uuid := app.device_id();
  device_location uuid;
  read_pins boolean := app.has_role('owner', 'manager', 'device');
  -- Taken before any table is read: rows below it are settled for every later statement too.
  horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
  tables text[] := array['tenants', 'outlets', 'locations', 'roles', 'staff', 'categories',
                         'products', 'customers', 'stock_levels', 'devices'];
  tbl text;
  cur text;
  page jsonb;
  out jsonb := '{}';
begin
  if tenant is null then
    perform app.deny('not_a_member', 'sync_pull needs a signed-in member of a tenant');
  end if;
  if page_size is null or page_size not between 1 and 1000 then
    perform app.fail('invalid_page_size', 'page_size must be between 1 and 1000');
  end if;
  if cursors is null or cursors = 'null'::jsonb then
    cursors := '{}';
  end if;
  if jsonb_typeof(cursors) <> 'object' then
    perform app.fail('invalid_cursor', 'cursors must be an object of table name to cursor');
  end if;
  if device is not null then
    select l.id into device_location from public.devices d
    join public.locations l on l.outlet_id = d.outlet_id and l.is_sales_default
    where d.id = device;
  end if;

  foreach tbl in array tables loop
    cur := cursors ->> tbl;
    if cur is not null and cur !~ '^\d{1,20}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      perform app.fail('invalid_cursor', format('cursor for %s is malformed', tbl));
    end if;
    page := app.pull_table(tbl, tenant,
      coalesce(split_part(cur, ':', 1), '0')::xid8,
      coalesce(split_part(cur, ':', 2), '00000000-0000-0000-0000-000000000000')::uuid,
      horizon, page_size, read_pins, device, device_location);
    if page ->> 'cursor' is null then
      page := jsonb_set(page, '{cursor}', coalesce(to_jsonb(cur), 'null'::jsonb));
    end if;
    out := out || jsonb_build_object(tbl, page);
  end loop;

  if device is not null then
    update public.devices d set last_pull_at = now() where d.id = device;
  end if;
  return jsonb_build_object('tables', out, 'server_time', now(), 'horizon', horizon::text);
end
$$;

revoke all on all functions in schema app from public;
revoke all on function public.sync_pull(jsonb, integer) from public, anon;
grant execute on function public.sync_pull(jsonb, integer) to authenticated;
