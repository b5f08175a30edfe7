-- Back-office RPCs for signed-in people (owners, managers): tenant sign-up, device pairing, stock
-- moves and PINs. Each checks the caller's role or permission, validates its input and leaves an
-- audit trail (row triggers, or explicit entries).

-- Built-in roles with their default permissions; tenants may edit them (except the keys).
create or replace function app.seed_roles(tenant uuid) returns void language sql as $$
  with r as (
    insert into public.roles (tenant_id, key, name)
    values (tenant, 'owner', 'Owner'), (tenant, 'manager', 'Manager'),
           (tenant, 'supervisor', 'Supervisor'), (tenant, 'cashier', 'Cashier')
    returning id, key)
  insert into public.role_permissions (tenant_id, role_id, permission)
  select tenant, r.id, p.permission
  from r join (values
    ('owner', array['sale.create', 'sale.void', 'refund.create', 'discount.override', 'price.override',
                    'stock.adjust', 'stock.transfer', 'stock.receive', 'catalog.edit', 'staff.manage',
                    'reports.view', 'settings.manage', 'cash.drawer', 'shift.manage']),
    ('manager', array['sale.create', 'sale.void', 'refund.create', 'discount.override', 'price.override',
                      'stock.adjust', 'stock.transfer', 'stock.receive', 'catalog.edit', 'staff.manage',
                      'reports.view', 'settings.manage', 'cash.drawer', 'shift.manage']),
    ('supervisor', array['sale.create', 'sale.void', 'refund.create', 'discount.override', 'price.override',
                         'stock.transfer', 'stock.receive', 'reports.view', 'cash.drawer', 'shift.manage']),
    ('cashier', array['sale.create', 'cash.drawer', 'shift.manage'])) as d(key, perms) on d.key = r.key
  cross join lateral unnest(d.perms) as p(permission)
$$;

create or replace function public.create_tenant(name text, currency text, timezone text,
  outlet_name text, outlet_code text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := auth.uid();
  tenant uuid;
  outlet uuid;
  cur text := upper(btrim(coalesce(currency, '')));
  code text := upper(btrim(coalesce(outlet_code, '')));
begin
  if uid is null then
    perform app.deny('not_signed_in', 'sign in to create a shop');
  end if;
  if coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false) then
    perform app.deny('anonymous_user', 'an anonymous account cannot own a shop');
  end if;
  if length(btrim(coalesce(name, ''))) not between 1 and 120 then
    perform app.fail('invalid_payload', 'name must be 1 to 120 characters');
  end if;
  if cur !~ '^[A-Z]{3}$' then
    perform app.fail('unknown_currency', 'currency must be an ISO 4217 code such as IDR');
  end if;
  if not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = timezone) then
    perform app.fail('invalid_timezone', format('%s is not a time zone', timezone));
  end if;
  if code !~ '^[A-Z0-9]{2,8}$' then
    perform app.fail('invalid_outlet_code', 'outlet_code must be 2 to 8 letters or digits');
  end if;
  if length(btrim(coalesce(outlet_name, ''))) not between 1 and 120 then
    perform app.fail('invalid_payload', 'outlet_name must be 1 to 120 characters');
  end if;

  insert into public.tenants (name, currency, currency_exponent, timezone)
  values (btrim(name), cur, app.currency_exponent(cur), timezone)
  returning id into tenant;
  insert into public.catalog_versions (tenant_id) values (tenant);
  insert into public.memberships (tenant_id, user_id, role) values (tenant, uid, 'owner');
  insert into public.profiles (user_id, active_tenant_id) values (uid, tenant)
  on conflict (user_id) do update set active_tenant_id = excluded.active_tenant_id;
  perform app.seed_roles(tenant);
  insert into public.outlets (tenant_id, code, name) values (tenant, code, btrim(outlet_name))
  returning id into outlet;
  return jsonb_build_object('tenant_id', tenant, 'outlet_id', outlet,
    'location_id', (select l.id from public.locations l where l.outlet_id = outlet and l.is_sales_default));
end
$$;

-- Pairing codes: 8 characters without look-alikes (no 0/O, 1/I/L), from gen_random_uuid's random
-- bits (core PostgreSQL, no extension needed).
create or replace function app.new_pairing_code() returns text language sql volatile as $$
  select string_agg(substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (get_byte(b, i) % 31) + 1, 1), '' order by i)
  from (select uuid_send(gen_random_uuid()) as b) r, generate_series(0, 7) as i
$$;

create or replace function public.register_device(outlet_id uuid, name text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  tenant uuid := app.tenant_id();
  dev public.devices;
  code text;
begin
  if not app.has_role('owner', 'manager') then
    perform app.deny('permission_denied', 'only owners and managers register tills');
  end if;
  if not exists (select 1 from public.outlets o where o.tenant_id = tenant and o.id = register_device.outlet_id
                 and o.deleted_at is null) then
    perform app.fail('unknown_outlet', format('outlet %s does not exist in this tenant', outlet_id));
  end if;
  if length(btrim(coalesce(name, ''))) not between 1 and 80 then
    perform app.fail('invalid_payload', 'name must be 1 to 80 characters');
  end if;
  -- Serializes numbering within the tenant; device numbers are max + 1 and devices are never
  -- deleted, so a code is never issued twice.
  perform pg_advisory_xact_lock(hashtextextended('lapak.device_no:' || tenant::text, 0));
  loop
    code := app.new_pairing_code();
    exit when not exists (select 1 from public.devices d where d.pairing_code = code);
  end loop;
  insert into public.devices (tenant_id, outlet_id, name, device_no, device_code, pairing_code, pairing_expires_at)
  select tenant, outlet_id, btrim(name), n.no, 'T' || n.no, code, now() + interval '15 minutes'
  from (select coalesce(max(d.device_no), 0) + 1 as no from public.devices d where d.tenant_id = tenant) n
  returning * into dev;
  perform app.audit(tenant, 'devices', dev.id::text, 'device_register', null,
                    jsonb_build_object('outlet_id', dev.outlet_id, 'name', dev.name, 'device_code', dev.device_code));
  return jsonb_build_object('device_id', dev.id, 'device_code', dev.device_code,
                            'pairing_code', dev.pairing_code, 'pairing_expires_at', dev.pairing_expires_at);
end
$$;

-- Called by the till's own fresh Auth user (an anonymous sign-in is enough). The code is
-- single-use and expires; every failure looks the same so the call cannot probe for codes.
create or replace function public.claim_device(pairing_code text, app_version text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := auth.uid();
  code text := upper(regexp_replace(coalesce(pairing_code, ''), '[\s-]', '', 'g'));
  dev public.devices;
begin
  if uid is null then
    perform app.deny('not_signed_in', 'sign in (anonymously is fine) before claiming a till');
  end if;
  if exists (select 1 from public.memberships m where m.user_id = uid) then
    perform app.deny('already_member', 'this account already belongs to a shop; a till needs its own account');
  end if;
  select * into dev from public.devices d
  where d.pairing_code = code and d.pairing_expires_at > now() and d.revoked_at is null
    and d.auth_user_id is null
  for update;
  if not found then
    perform app.fail('invalid_pairing_code', 'this pairing code is unknown, used or expired');
  end if;
  perform app.set_actor(null, null, dev.id);
  update public.devices d set auth_user_id = uid, pairing_code = null, pairing_expires_at = null,
    claimed_at = now(), app_version = left(claim_device.app_version, 40)
  where d.id = dev.id;
  insert into public.memberships (tenant_id, user_id, role) values (dev.tenant_id, uid, 'device');
  insert into public.profiles (user_id, active_tenant_id) values (uid, dev.tenant_id)
  on conflict (user_id) do update set active_tenant_id = excluded.active_tenant_id;
  perform app.audit(dev.tenant_id, 'devices', dev.id::text, 'device_claim', null,
                    jsonb_build_object('auth_user_id', uid, 'app_version', app_version));
  return jsonb_build_object('device_id', dev.id, 'tenant_id', dev.tenant_id, 'outlet_id', dev.outlet_id,
    'device_code', dev.device_code,
    'outlet_code', (select o.code from public.outlets o where o.id = dev.outlet_id));
end
$$;

-- A revoked till can neither push nor read; its code is never reissued. Re-pairing the tablet
-- means registering a new device (a new code, so its receipt numbers cannot collide).
create or replace function public.revoke_device(device_id uuid)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  tenant uuid := app.tenant_id();
  dev public.devices;
begin
  if not app.has_role('owner', 'manager') then
    perform app.deny('permission_denied', 'only owners and managers revoke tills');
  end if;
  select * into dev from public.devices d where d.tenant_id = tenant and d.id = revoke_device.device_id for update;
  if not found then
    perform app.fail('unknown_device', format('device %s does not exist in this tenant', device_id));
  end if;
  update public.devices d set revoked_at = coalesce(d.revoked_at, now()), pairing_code = null,
    pairing_expires_at = null
  where d.id = dev.id;
  delete from public.memberships m where m.user_id = dev.auth_user_id and m.tenant_id = tenant and m.role = 'device';
  perform app.audit(tenant, 'devices', dev.id::text, 'device_revoke', null, jsonb_build_object('revoked', true));
  return jsonb_build_object('device_id', dev.id, 'revoked', true);
end
$$;

create or replace function app.require_permission(perm text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  tenant uuid := app.tenant_id();
begin
  if tenant is null or app.role() = 'device' or not app.user_has(perm) then
    perform app.deny('permission_denied', format('%s is required', perm));
  end if;
  return tenant;
end
$$;

create or replace function public.adjust_stock(location_id uuid, lines jsonb, reason text, note text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  tenant uuid := app.require_permission('stock.adjust');
begin
  perform app.set_actor(null, null, null);
  return app.stock_adjust(tenant, jsonb_build_object('location_id', location_id, 'lines', lines,
                                                     'reason', reason, 'note', note),
                          null, null, null, null);
end
$$;

create or replace function public.transfer_stock(from_location_id uuid, to_location_id uuid, lines jsonb,
  note text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  tenant uuid := app.require_permission('stock.transfer');
begin
  perform app.set_actor(null, null, null);
  return app.stock_transfer(tenant, jsonb_build_object('from_location_id', from_location_id,
                                                       'to_location_id', to_location_id, 'lines', lines,
                                                       'note', note),
                            null, null, null, null);
end
$$;

create or replace function public.receive_stock(location_id uuid, lines jsonb, reference text default null,
  note text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  tenant uuid := app.require_permission('stock.receive');
begin
  perform app.set_actor(null, null, null);
  return app.stock_receive(tenant, jsonb_build_object('location_id', location_id, 'lines', lines,
                                                      'reference', reference, 'note', note),
                           null);
end
$$;

-- Hashes a PIN on the server (bcrypt, cost 10, $2a$ — what bcryptjs verifies on the till), so the
-- back office need not ship a bcrypt implementation. PINs are 4 to 8 digits.
create or replace function public.set_staff_pin(staff_id uuid, pin text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  tenant uuid := app.tenant_id();
begin
  if not app.has_role('owner', 'manager') then
    perform app.deny('permission_denied', 'only owners and managers set PINs');
  end if;
  if not exists (select 1 from public.staff s where s.tenant_id = tenant and s.id = set_staff_pin.staff_id) then
    perform app.fail('unknown_staff', format('staff %s does not exist in this tenant', staff_id));
  end if;
  if pin is null or pin !~ '^[0-9]{4,8}$' then
    perform app.fail('invalid_pin', 'a PIN is 4 to 8 digits');
  end if;
  insert into public.staff_pins (tenant_id, staff_id, pin_hash)
  values (tenant, staff_id, extensions.crypt(pin, extensions.gen_salt('bf', 10)))
  on conflict on constraint staff_pins_staff_id_key do update set pin_hash = excluded.pin_hash;
  return jsonb_build_object('staff_id', staff_id);
end
$$;

-- Pending tender (QRIS, e-wallet, card) settles later: the payment provider's webhook (an Edge
-- Function with the service role) or a supervisor confirms or fails it. Only pending payments
-- move, and repeating the same answer is a no-op, so a webhook delivered twice is harmless.
create or replace function public.set_payment_status(payment_id uuid, status text, reference text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  pay public.payments;
begin
  if status is null or status not in ('confirmed', 'failed') then
    perform app.fail('invalid_payload', 'status must be confirmed or failed');
  end if;
  select * into pay from public.payments x where x.id = set_payment_status.payment_id for update;
  if not found or not (auth.role() = 'service_role'
                       or (pay.tenant_id = app.tenant_id() and app.has_role('owner', 'manager', 'supervisor'))) then
    perform app.fail('unknown_payment', format('payment %s does not exist in this tenant', payment_id));
  end if;
  if pay.status = status then
    return jsonb_build_object('payment_id', pay.id, 'status', pay.status);
  end if;
  if pay.status <> 'pending' then
    perform app.fail('payment_settled', format('payment %s is already %s', pay.id, pay.status));
  end if;
  update public.payments x set status = set_payment_status.status,
    confirmed_at = case when set_payment_status.status = 'confirmed' then now() end,
    external_reference = coalesce(left(reference, 200), x.external_reference)
  where x.id = pay.id;
  perform app.audit(pay.tenant_id, 'payments', pay.id::text, 'update', jsonb_build_object('status', pay.status),
                    jsonb_build_object('status', status, 'reference', reference));
  return jsonb_build_object('payment_id', pay.id, 'status', status);
end
$$;

revoke all on all functions in schema app from public;
revoke all on function public.set_payment_status(uuid, text, text) from public, anon;
grant execute on function public.set_payment_status(uuid, text, text) to authenticated, service_role;
revoke all on function public.create_tenant(text, text, text, text, text), public.register_device(uuid, text),
  public.claim_device(text, text), public.revoke_device(uuid), public.adjust_stock(uuid, jsonb, text, text),
  public.transfer_stock(uuid, uuid, jsonb, text), public.receive_stock(uuid, jsonb, text, text),
  public.set_staff_pin(uuid, text)
  from public, anon;
grant execute on function public.create_tenant(text, text, text, text, text), public.register_device(uuid, text),
  public.claim_device(text, text), public.revoke_device(uuid), public.adjust_stock(uuid, jsonb, text, text),
  public.transfer_stock(uuid, uuid, jsonb, text), public.receive_stock(uuid, jsonb, text, text),
  public.set_staff_pin(uuid, text)
  to authenticated;
