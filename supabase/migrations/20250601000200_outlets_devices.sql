-- Outlets (shops), locations (where stock lives) and devices (paired tills).

create table public.outlets (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  -- Printed in every receipt number (<outlet>-<device>-<counter>), hence the strict shape.
  code text not null check (code ~ '^[A-Z0-9]{2,8}$'),
  name text not null check (length(btrim(name)) between 1 and 120),
  address text check (length(address) <= 500),
  phone text check (length(phone) <= 40),
  version integer not null default 1,
  deleted_at timestamptz,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, code),
  unique (tenant_id, id)
);
create index outlets_sync_idx on public.outlets (tenant_id, txid, id);
select app.install_row_triggers('public.outlets', versioned => true, synced => true);

-- Receipt codes are printed on paper: once issued, an outlet code may not change.
create or replace function app.outlet_code_frozen() returns trigger language plpgsql as $$
begin
  if new.code <> old.code then
    perform app.fail('immutable_column', 'an outlet code is printed on receipts and cannot change');
  end if;
  return new;
end
$$;
create trigger t05_code_frozen before update of code on public.outlets
  for each row execute function app.outlet_code_frozen();

create table public.locations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  outlet_id uuid,
  code text not null check (code ~ '^[A-Z0-9]{2,12}$'),
  name text not null check (length(btrim(name)) between 1 and 120),
  kind text not null default 'store' check (kind in ('store', 'warehouse')),
  -- The location a till's sales draw stock from. Exactly one per outlet, created with the outlet.
  is_sales_default boolean not null default false,
  version integer not null default 1,
  deleted_at timestamptz,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, code),
  unique (tenant_id, id),
  unique (tenant_id, outlet_id, id),
  foreign key (tenant_id, outlet_id) references public.outlets (tenant_id, id),
  check (not is_sales_default or outlet_id is not null)
);
create unique index locations_one_sales_default on public.locations (outlet_id) where is_sales_default;
create index locations_sync_idx on public.locations (tenant_id, txid, id);
select app.install_row_triggers('public.locations', versioned => true, synced => true);

-- Sales need a location to draw from even when the outlet is brand new, so every outlet gets its
-- sales location in the same statement that creates it. security definer: the manager inserting
-- the outlet through the API may insert locations anyway, but the trigger must not depend on it.
create or replace function app.outlet_sales_location() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.locations (tenant_id, outlet_id, code, name, kind, is_sales_default)
  values (new.tenant_id, new.id, new.code, new.name, 'store', true);
  return null;
end
$$;
create trigger t50_sales_location after insert on public.outlets
  for each row execute function app.outlet_sales_location();

-- Which location is an outlet's sales location, and to which outlet it belongs, never changes:
-- sales and their stock movements point at it.
create or replace function app.location_role_frozen() returns trigger language plpgsql as $$
begin
  if new.is_sales_default <> old.is_sales_default or new.outlet_id is distinct from old.outlet_id then
    perform app.fail('immutable_column', 'a location''s outlet and sales role cannot change');
  end if;
  return new;
end
$$;
create trigger t05_role_frozen before update of is_sales_default, outlet_id on public.locations
  for each row execute function app.location_role_frozen();

create table public.devices (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  outlet_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 80),
  -- A per-tenant counter: devices are revoked, never deleted, so max + 1 never reissues a code,
  -- and receipt numbers (which embed the code) stay unique for ever.
  device_no integer not null check (device_no between 1 and 9999999),
  -- Not a generated column: PostgreSQL treats every update of a row with a stored generated key
  -- column as a key update, which would make each push's telemetry update wait for every
  -- concurrent foreign-key check on the device.
  device_code text not null check (device_code = 'T' || device_no::text),
  auth_user_id uuid unique references auth.users (id) on delete set null,
  -- One-time, short-lived; cleared when claimed.
  pairing_code text unique check (pairing_code ~ '^[A-Z0-9]{6,12}$'),
  pairing_expires_at timestamptz,
  claimed_at timestamptz,
  last_push_at timestamptz,
  last_pull_at timestamptz,
  last_device_seq bigint not null default 0,
  app_version text check (length(app_version) <= 40),
  revoked_at timestamptz,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, device_no),
  unique (tenant_id, device_code),
  unique (tenant_id, id),
  foreign key (tenant_id, outlet_id) references public.outlets (tenant_id, id),
  check ((pairing_code is null) = (pairing_expires_at is null))
);
create index devices_sync_idx on public.devices (tenant_id, txid, id);
-- Devices are changed only by RPCs (register, claim, revoke, push, pull), so they carry no
-- version. Their telemetry (last push/pull, sequence, app version) changes on every push and is
-- not worth re-sending to the till: only other changes move the row's sync position.
create trigger t00_pin_identity before update on public.devices
  for each row execute function app.pin_identity();
create or replace function app.device_code_frozen() returns trigger language plpgsql as $$
begin
  if new.device_no <> old.device_no or new.device_code <> old.device_code then
    perform app.fail('immutable_column', 'a device code is printed on receipts and cannot change');
  end if;
  return new;
end
$$;
create trigger t05_code_frozen before update of device_no, device_code on public.devices
  for each row execute function app.device_code_frozen();
create or replace function app.touch_device() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  if (new.outlet_id, new.name, new.auth_user_id, new.pairing_code, new.pairing_expires_at, new.claimed_at,
      new.revoked_at, new.device_no, new.device_code)
     is distinct from
     (old.outlet_id, old.name, old.auth_user_id, old.pairing_code, old.pairing_expires_at, old.claimed_at,
      old.revoked_at, old.device_no, old.device_code) then
    new.txid := pg_current_xact_id();
  end if;
  return new;
end
$$;
create trigger t30_touch before update on public.devices
  for each row execute function app.touch_device();

-- The caller's till, if the caller is a paired, unrevoked device.
create or replace function app.device_id() returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select d.id from public.devices d where d.auth_user_id = auth.uid() and d.revoked_at is null);
end
$$;

create or replace function app.device_outlet_id() returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select d.outlet_id from public.devices d where d.auth_user_id = auth.uid() and d.revoked_at is null);
end
$$;

revoke all on all functions in schema app from public;
grant execute on function app.device_id(), app.device_outlet_id() to authenticated, service_role;
