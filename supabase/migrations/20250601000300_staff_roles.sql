-- Staff (people at the till, identified by PIN) and the roles that grant them permissions.

create table public.roles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  -- Built-in roles carry a key (and Auth memberships of that role take its permissions);
  -- tenant-defined roles have none.
  key text check (key in ('owner', 'manager', 'supervisor', 'cashier')),
  name text not null check (length(btrim(name)) between 1 and 60),
  version integer not null default 1,
  deleted_at timestamptz,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, key),
  unique (tenant_id, id)
);
create unique index roles_name_unique on public.roles (tenant_id, lower(name)) where deleted_at is null;
create index roles_sync_idx on public.roles (tenant_id, txid, id);
select app.install_row_triggers('public.roles', versioned => true, synced => true);

-- Built-in roles are what create_tenant and memberships rely on: they keep their key and stay.
create or replace function app.builtin_role_guard() returns trigger language plpgsql as $$
begin
  if new.key is distinct from old.key then
    perform app.fail('immutable_column', 'a role''s key cannot change');
  end if;
  if old.key is not null and new.deleted_at is not null then
    perform app.fail('builtin_role', 'built-in roles cannot be deleted');
  end if;
  return new;
end
$$;
create trigger t05_builtin_guard before update on public.roles
  for each row execute function app.builtin_role_guard();

create table public.role_permissions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  role_id uuid not null,
  permission text not null check (permission in (
    'sale.create', 'sale.void', 'refund.create', 'discount.override', 'price.override',
    'stock.adjust', 'stock.transfer', 'stock.receive', 'catalog.edit', 'staff.manage',
    'reports.view', 'settings.manage', 'cash.drawer', 'shift.manage')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (role_id, permission),
  foreign key (tenant_id, role_id) references public.roles (tenant_id, id) on delete cascade
);
create index role_permissions_tenant_idx on public.role_permissions (tenant_id, role_id);
select app.install_row_triggers('public.role_permissions', versioned => false, synced => false);

-- Tills receive a role together with its permission list (sync_pull embeds it), so a change to
-- the list must move the role's sync position. Hard deletes of permissions are fine that way:
-- the role row is re-sent with the list as it now is.
create or replace function app.role_permissions_touch_role() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.roles set txid = pg_current_xact_id(), updated_at = now()
  where id = coalesce(new.role_id, old.role_id);
  return null;
end
$$;
create trigger t50_touch_role after insert or update or delete on public.role_permissions
  for each row execute function app.role_permissions_touch_role();

create table public.staff (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  role_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 80),
  active boolean not null default true,
  version integer not null default 1,
  deleted_at timestamptz,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, role_id) references public.roles (tenant_id, id)
);
create index staff_sync_idx on public.staff (tenant_id, txid, id);
create index staff_role_idx on public.staff (tenant_id, role_id);
select app.install_row_triggers('public.staff', versioned => true, synced => true);

-- PIN hashes live apart from staff so that every member can read the staff list while only
-- managers and tills can read hashes (a 4-digit PIN falls to brute force once its hash leaks).
-- One table with a column-level revoke would make `select *` on staff fail for cashiers instead.
create table public.staff_pins (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  staff_id uuid not null unique,
  -- bcrypt ($2a$/$2b$/$2y$), verified offline on the till with bcryptjs.
  pin_hash text not null check (pin_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (tenant_id, staff_id) references public.staff (tenant_id, id) on delete cascade
);
select app.install_row_triggers('public.staff_pins', versioned => false, synced => false);

create or replace function app.staff_pin_frozen() returns trigger language plpgsql as $$
begin
  if new.staff_id <> old.staff_id then
    perform app.fail('immutable_column', 'staff_pins.staff_id cannot change');
  end if;
  return new;
end
$$;
create trigger t05_staff_frozen before update of staff_id on public.staff_pins
  for each row execute function app.staff_pin_frozen();

-- Tills get the hash with the staff row (sync_pull), so a new PIN re-sends the staff row.
create or replace function app.staff_pins_touch_staff() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.staff set txid = pg_current_xact_id(), updated_at = now()
  where id = coalesce(new.staff_id, old.staff_id);
  return null;
end
$$;
create trigger t50_touch_staff after insert or update or delete on public.staff_pins
  for each row execute function app.staff_pins_touch_staff();

-- ---------------------------------------------------------------------------------------------
-- Permission checks used by the RPCs.

-- Does this staff member (active, not deleted, in this tenant) hold the permission?
create or replace function app.staff_has(tenant uuid, staff uuid, perm text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1
    from public.staff s
    join public.roles r on r.id = s.role_id and r.deleted_at is null
    join public.role_permissions rp on rp.role_id = r.id and rp.permission = perm
    where s.tenant_id = tenant and s.id = staff and s.active and s.deleted_at is null);
end
$$;

-- The staff member who acts must exist in the tenant and be active; when `perm` is given, they or
-- the approver must hold it. Returns who authorised the action (the staff member or the approver).
create or replace function app.require_staff(tenant uuid, staff uuid, perm text, approver uuid)
returns uuid language plpgsql stable security definer set search_path = '' as $$
declare
  s record;
begin
  if staff is null then
    perform app.fail('invalid_payload', 'staff_id is required');
  end if;
  -- One query answers existence, activity and the permission.
  select st.active, st.deleted_at,
         perm is null or exists (select 1 from public.roles r
                                 join public.role_permissions rp on rp.role_id = r.id and rp.permission = perm
                                 where r.id = st.role_id and r.deleted_at is null) as allowed
    into s from public.staff st where st.id = staff and st.tenant_id = tenant;
  if not found then
    perform app.fail('unknown_staff', format('staff %s does not exist in this tenant', staff));
  end if;
  if not s.active or s.deleted_at is not null then
    perform app.fail('staff_inactive', format('staff %s is not active', staff));
  end if;
  if s.allowed then
    return staff;
  end if;
  if approver is null then
    perform app.fail('approval_required', format('%s needs a manager''s approval', perm),
                     jsonb_build_object('permission', perm));
  end if;
  select st.active, st.deleted_at into s from public.staff st where st.id = approver and st.tenant_id = tenant;
  if not found then
    perform app.fail('unknown_staff', format('approver %s does not exist in this tenant', approver));
  end if;
  if not s.active or s.deleted_at is not null then
    perform app.fail('staff_inactive', format('approver %s is not active', approver));
  end if;
  if not app.staff_has(tenant, approver, perm) then
    perform app.fail('permission_denied', format('neither the staff member nor the approver holds %s', perm),
                     jsonb_build_object('permission', perm));
  end if;
  return approver;
end
$$;

-- Auth users (owners, managers …) act with the permissions of the built-in role their membership
-- names; owners hold everything.
create or replace function app.user_has(perm text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return app.role() = 'owner' or exists (
    select 1 from public.roles r
    join public.role_permissions rp on rp.role_id = r.id and rp.permission = perm
    where r.tenant_id = app.tenant_id() and r.key = app.role() and r.deleted_at is null);
end
$$;

revoke all on all functions in schema app from public;
