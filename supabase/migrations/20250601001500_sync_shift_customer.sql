-- sync_push kinds shift.open, shift.close, cash.move and customer.upsert.

-- The shift a close or cash movement names, locked. Not on the server yet → retry.
create or replace function app.lock_shift(tenant uuid, shift uuid) returns public.shifts
language plpgsql as $$
declare
  s public.shifts;
begin
  select * into s from public.shifts x where x.tenant_id = tenant and x.id = shift for update;
  if found then return s; end if;
  if exists (select 1 from public.shifts x where x.id = shift) then
    perform app.fail('unknown_shift', format('shift %s is not in this tenant', shift));
  end if;
  perform app.retry('shift_not_found', format('shift %s has not reached the server yet', shift));
end
$$;

-- {shift_id, outlet_id, opening_float, opened_at}
create or replace function app.sync_shift_open(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, p jsonb)
returns jsonb language plpgsql as $$
declare
  shift uuid;
  outlet uuid;
begin
  perform app.j_obj(p, 'payload');
  shift := app.j_uuid(p, 'shift_id', true);
  outlet := app.j_uuid(p, 'outlet_id', true);
  perform app.require_staff(tenant, staff, 'shift.manage', approver);
  if not exists (select 1 from public.outlets o where o.tenant_id = tenant and o.id = outlet) then
    perform app.fail('unknown_outlet', format('outlet %s does not exist in this tenant', outlet));
  end if;
  insert into public.shifts (id, tenant_id, outlet_id, device_id, opened_by_staff_id, opening_float,
                             opened_at, open_mutation_id)
  values (shift, tenant, outlet, device, staff,
          app.j_int(p, 'opening_float', true, null, 0, 9007199254740991, 'invalid_amount'),
          app.j_ts(p, 'opened_at', true), mutation);
  return jsonb_build_object('shift_id', shift);
end
$$;

-- What the drawer should hold: the float, plus cash taken for sales still standing, minus cash
-- paid out for refunds, plus cash moved in, minus cash moved out.
create or replace function app.expected_cash(shift public.shifts) returns bigint
language plpgsql stable as $$
begin
  return shift.opening_float
    + coalesce((select sum(p.amount) from public.payments p join public.sales s on s.id = p.sale_id
                where s.shift_id = shift.id and p.refund_id is null and p.method = 'cash'
                  and p.status = 'confirmed'), 0)
    - coalesce((select sum(p.amount) from public.payments p join public.refunds r on r.id = p.refund_id
                where r.shift_id = shift.id and p.method = 'cash'), 0)
    + coalesce((select sum(case when c.kind = 'in' then c.amount else -c.amount end)
                from public.cash_movements c where c.shift_id = shift.id), 0);
end
$$;

-- {shift_id, counted_cash, closed_at, note?} — a blind count: the till does not send what it
-- expected; the server computes it.
create or replace function app.sync_shift_close(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, p jsonb)
returns jsonb language plpgsql as $$
declare
  s public.shifts;
  counted bigint;
  expected bigint;
begin
  perform app.j_obj(p, 'payload');
  s := app.lock_shift(tenant, app.j_uuid(p, 'shift_id', true));
  counted := app.j_int(p, 'counted_cash', true, null, 0, 9007199254740991, 'invalid_amount');
  perform app.require_staff(tenant, staff, 'shift.manage', approver);
  if s.closed_at is not null then
    perform app.fail('shift_closed', format('shift %s is already closed', s.id));
  end if;
  expected := app.expected_cash(s);
  update public.shifts x set closed_at = app.j_ts(p, 'closed_at', true), closed_by_staff_id = staff,
    counted_cash = counted, expected_cash = expected, variance = counted - expected,
    note = app.j_text(p, 'note', false, null, 1000), close_mutation_id = mutation
  where x.id = s.id;
  return jsonb_build_object('shift_id', s.id, 'expected_cash', expected, 'counted_cash', counted,
                            'variance', counted - expected);
end
$$;

-- {cash_movement_id, shift_id, kind: 'in'|'out', amount > 0, reason, occurred_at}
create or replace function app.sync_cash_move(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, p jsonb)
returns jsonb language plpgsql as $$
declare
  s public.shifts;
  movement uuid;
  kind text;
begin
  perform app.j_obj(p, 'payload');
  movement := app.j_uuid(p, 'cash_movement_id', true);
  kind := app.j_text(p, 'kind', true, null, 10);
  if kind not in ('in', 'out') then
    perform app.fail('invalid_payload', 'kind must be in or out');
  end if;
  s := app.lock_shift(tenant, app.j_uuid(p, 'shift_id', true));
  perform app.require_staff(tenant, staff, 'cash.drawer', approver);
  if s.closed_at is not null then
    perform app.fail('shift_closed', format('shift %s is closed', s.id));
  end if;
  insert into public.cash_movements (id, tenant_id, shift_id, device_id, staff_id, kind, amount,
                                     reason, occurred_at, mutation_id)
  values (movement, tenant, s.id, device, staff, kind,
          app.j_int(p, 'amount', true, null, 1, 9007199254740991, 'invalid_amount'),
          app.j_text(p, 'reason', true, null, 200), app.j_ts(p, 'occurred_at', true), mutation);
  return jsonb_build_object('cash_movement_id', movement);
end
$$;

-- {customer_id, name, phone?, email?, note?, base_version?, deleted?}
-- A new id creates the customer; a known id updates it. base_version (the version the till
-- edited) makes a stale edit a `version_conflict` instead of a silent overwrite.
create or replace function app.sync_customer_upsert(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, p jsonb)
returns jsonb language plpgsql as $$
declare
  cust uuid;
  base bigint;
  cur record;
  v integer;
begin
  perform app.j_obj(p, 'payload');
  cust := app.j_uuid(p, 'customer_id', true);
  base := app.j_int(p, 'base_version', false, null, 1, 2147483647);
  perform app.require_staff(tenant, staff, 'sale.create', approver);
  select c.tenant_id, c.version into cur from public.customers c where c.id = cust for update;
  if found and cur.tenant_id <> tenant then
    perform app.fail('unknown_customer', format('customer %s is not in this tenant', cust));
  end if;
  if not found then
    insert into public.customers (id, tenant_id, name, phone, email, note, deleted_at)
    values (cust, tenant, app.j_text(p, 'name', true, null, 120), app.j_text(p, 'phone', false, null, 40),
            app.j_text(p, 'email', false, null, 254), app.j_text(p, 'note', false, null, 1000),
            case when app.j_bool(p, 'deleted') then now() end)
    returning version into v;
  else
    if base is not null and base <> cur.version then
      perform app.fail('version_conflict', format('customer %s is at version %s, not %s', cust, cur.version, base),
                       jsonb_build_object('current_version', cur.version, 'sent_version', base));
    end if;
    update public.customers c set name = app.j_text(p, 'name', true, null, 120),
      phone = app.j_text(p, 'phone', false, null, 40), email = app.j_text(p, 'email', false, null, 254),
      note = app.j_text(p, 'note', false, null, 1000),
      deleted_at = case when app.j_bool(p, 'deleted') then coalesce(c.deleted_at, now()) end
    where c.id = cust
    returning c.version into v;
  end if;
  return jsonb_build_object('customer_id', cust, 'version', v);
end
$$;

revoke all on all functions in schema app from public;
