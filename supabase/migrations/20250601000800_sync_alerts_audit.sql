-- The sync ledger (exactly-once), alerts for managers, and the audit log.

-- One row per mutation id a till ever pushed that the server settled: the claim that makes a
-- replay return the stored outcome instead of applying twice. `retry` outcomes are not stored.
create table public.sync_mutations (
  -- The device key below carries the tenant (no separate check on the hot path).
  tenant_id uuid not null,
  id uuid not null,
  device_id uuid not null,
  device_seq bigint,
  kind text not null check (length(kind) <= 40),
  staff_id uuid,
  approver_staff_id uuid,
  catalog_version bigint,
  device_created_at timestamptz,
  status text not null check (status in ('applied', 'rejected')),
  code text check (code ~ '^[a-z][a-z0-9_]*$'),
  message text,
  result jsonb,
  -- Kept for rejected mutations only: what a manager needs to act on them.
  payload jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, device_id) references public.devices (tenant_id, id) on delete cascade,
  check ((status = 'rejected') = (code is not null))
);
create index sync_mutations_device_idx on public.sync_mutations (tenant_id, device_id, device_seq);
create index sync_mutations_rejected_idx on public.sync_mutations (tenant_id, created_at desc)
  where status = 'rejected';

create table public.alerts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  kind text not null check (kind in ('negative_stock', 'rejected_mutation', 'price_mismatch')),
  payload jsonb not null default '{}',
  product_id uuid,
  location_id uuid,
  sale_id uuid,
  device_id uuid,
  mutation_id uuid,
  -- negative_stock alerts gather every sale that kept the level below zero until resolved.
  occurrences integer not null default 1 check (occurrences >= 1),
  resolved_at timestamptz,
  resolved_by uuid references auth.users (id) on delete set null,
  resolution_note text check (length(resolution_note) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (tenant_id, product_id) references public.products (tenant_id, id),
  foreign key (tenant_id, location_id) references public.locations (tenant_id, id),
  foreign key (tenant_id, sale_id) references public.sales (tenant_id, id),
  foreign key (tenant_id, device_id) references public.devices (tenant_id, id),
  check (kind <> 'negative_stock' or (product_id is not null and location_id is not null))
);
-- At most one open negative-stock alert per product and location.
create unique index alerts_open_negative_stock on public.alerts (tenant_id, product_id, location_id)
  where kind = 'negative_stock' and resolved_at is null;
create index alerts_open_idx on public.alerts (tenant_id, created_at desc) where resolved_at is null;
create index alerts_tenant_created_idx on public.alerts (tenant_id, created_at desc);
create trigger t30_touch before update on public.alerts for each row execute function app.touch();

-- Managers resolve alerts through the API; only the resolution columns may change, and the
-- resolver is whoever is signed in.
create or replace function app.alert_resolution() returns trigger language plpgsql as $$
begin
  -- The server itself (RPCs run as the owner) adds occurrences to open alerts.
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if (to_jsonb(new) - array['resolved_at', 'resolution_note', 'resolved_by', 'updated_at'])
     is distinct from (to_jsonb(old) - array['resolved_at', 'resolution_note', 'resolved_by', 'updated_at']) then
    perform app.fail('immutable_column', 'only resolved_at and resolution_note of an alert can change');
  end if;
  new.resolved_by := case when new.resolved_at is null then null else coalesce(auth.uid(), old.resolved_by) end;
  return new;
end
$$;
create trigger t05_resolution before update on public.alerts
  for each row execute function app.alert_resolution();

create table public.audit_log (
  id bigint generated always as identity primary key,
  tenant_id uuid references public.tenants (id) on delete cascade,
  actor_user_id uuid,
  actor_role text,
  staff_id uuid,
  approver_staff_id uuid,
  device_id uuid,
  table_name text not null,
  row_id text,
  action text not null check (action in
    ('insert', 'update', 'delete', 'void', 'refund', 'price_override', 'stock_adjustment',
     'stock_count', 'stock_transfer', 'stock_receiving', 'device_register', 'device_claim', 'device_revoke')),
  old jsonb,
  new jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index audit_log_tenant_created_idx on public.audit_log (tenant_id, created_at desc);
create index audit_log_row_idx on public.audit_log (tenant_id, table_name, row_id);

-- RPCs name the staff member (and approver, device) acting in this transaction, so rows written
-- by triggers can say who did it. Transaction-local: nothing leaks to the next request.
create or replace function app.set_actor(staff uuid, approver uuid, device uuid) returns void
language plpgsql as $$
begin
  perform set_config('lapak.staff_id', coalesce(staff::text, ''), true),
          set_config('lapak.approver_staff_id', coalesce(approver::text, ''), true),
          set_config('lapak.device_id', coalesce(device::text, ''), true);
end
$$;

create or replace function app.actor(name text) returns uuid language plpgsql stable as $$
begin
  return nullif(current_setting('lapak.' || name, true), '')::uuid;
end
$$;

create or replace function app.audit(tenant uuid, tbl text, row_id text, action text, old jsonb, new jsonb)
returns void language plpgsql security definer set search_path = '' as $$
begin
  insert into public.audit_log (tenant_id, actor_user_id, actor_role, staff_id, approver_staff_id,
                                device_id, table_name, row_id, action, old, new)
  values (tenant, auth.uid(), auth.role(), app.actor('staff_id'), app.actor('approver_staff_id'),
          app.actor('device_id'), tbl, row_id, action, old, new);
end
$$;

-- Columns whose changes are bookkeeping, not edits: sync positions, versions and till telemetry.
create or replace function app.audit_noise() returns text[] language sql immutable as $$
  select array['txid', 'updated_at', 'version', 'last_push_at', 'last_pull_at', 'last_device_seq',
               'catalog_version']
$$;

-- Row-level audit for master data. Updates record only the columns that changed; PIN hashes are
-- never copied into the log.
create or replace function app.audit_row() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  o jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  n jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  r jsonb := coalesce(n, o);
  k text;
  changed_old jsonb := '{}';
  changed_new jsonb := '{}';
begin
  -- A cascading tenant delete removes the log with the tenant; nothing to record.
  if tg_op = 'DELETE' and not exists (
    select 1 from public.tenants t
    where t.id = case when tg_table_name = 'tenants' then (r ->> 'id')::uuid else (r ->> 'tenant_id')::uuid end) then
    return null;
  end if;
  if r ? 'pin_hash' then
    o := case when o is not null then jsonb_set(o, '{pin_hash}', '"[redacted]"') end;
    n := case when n is not null then jsonb_set(n, '{pin_hash}', '"[redacted]"') end;
  end if;
  if tg_op = 'UPDATE' then
    for k in select jsonb_object_keys(n) loop
      if k <> all (app.audit_noise()) and (n -> k) is distinct from (o -> k) then
        changed_old := changed_old || jsonb_build_object(k, o -> k);
        changed_new := changed_new || jsonb_build_object(k, n -> k);
      end if;
    end loop;
    if changed_new = '{}' then return null; end if;
    if n ? 'pin_hash' and changed_new ? 'pin_hash' then
      changed_old := changed_old || '{"pin_hash":"[redacted]"}';
    end if;
    o := changed_old;
    n := changed_new;
  end if;
  perform app.audit(case when tg_table_name = 'tenants' then (r ->> 'id')::uuid else (r ->> 'tenant_id')::uuid end,
                    tg_table_name, coalesce(r ->> 'id', r ->> 'user_id'), lower(tg_op), o, n);
  return null;
end
$$;

revoke all on all functions in schema app from public;
