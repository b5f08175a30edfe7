-- sync_push kinds `sale.void` and `refund.create`. Both lock the sale row first, so voids and
-- refunds of one sale are serialized and can never together give back more than was sold.

-- The sale a void or refund names, locked. Not on the server yet → retry (the sale may still be
-- in this till's outbox, or another till's); in another tenant → rejected.
create or replace function app.lock_sale(tenant uuid, sale uuid) returns public.sales
language plpgsql as $$
declare
  s public.sales;
begin
  select * into s from public.sales x where x.tenant_id = tenant and x.id = sale for update;
  if found then return s; end if;
  if exists (select 1 from public.sales x where x.id = sale) then
    perform app.fail('unknown_sale', format('sale %s is not in this tenant', sale));
  end if;
  perform app.retry('sale_not_found', format('sale %s has not reached the server yet', sale));
end
$$;

create or replace function app.sync_sale_void(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, p jsonb)
returns jsonb language plpgsql as $$
declare
  s public.sales;
  reason text;
  moves app.stock_move[];
begin
  perform app.j_obj(p, 'payload');
  s := app.lock_sale(tenant, app.j_uuid(p, 'sale_id', true));
  reason := app.j_text(p, 'reason', true, null, 500);
  perform app.require_staff(tenant, staff, 'sale.void', approver);
  if s.status = 'voided' then
    perform app.fail('already_voided', format('sale %s is already voided', s.id));
  end if;
  if exists (select 1 from public.refunds r where r.sale_id = s.id) then
    perform app.fail('sale_has_refunds', format('sale %s has refunds; refund the rest instead', s.id));
  end if;

  update public.sales x set status = 'voided', voided_at = app.j_ts(p, 'voided_at', true),
    void_reason = reason, void_staff_id = staff, void_approver_staff_id = approver,
    void_mutation_id = mutation
  where x.id = s.id;
  -- The money went back: confirmed tender is refunded, pending tender never completes.
  update public.payments x set status = case when x.status = 'confirmed' then 'refunded' else 'failed' end
  where x.sale_id = s.id and x.refund_id is null and x.status in ('confirmed', 'pending');

  select array_agg(row(i.product_id, s.location_id, 'void', i.quantity, s.id, i.id, null, null,
                       reason, null, null, null)::app.stock_move order by i.line_no)
    into moves from public.sale_items i where i.sale_id = s.id;
  perform app.apply_stock(tenant, moves, mutation, device, staff, approver);

  perform app.audit(tenant, 'sales', s.id::text, 'void',
    jsonb_build_object('status', s.status, 'receipt_no', s.receipt_no, 'total_due', s.total_due),
    jsonb_build_object('status', 'voided', 'reason', reason, 'staff_id', staff, 'approver_staff_id', approver));
  return jsonb_build_object('sale_id', s.id, 'status', 'voided');
end
$$;

-- Refund amounts are shares of what each line was sold for, computed on the cumulative refunded
-- quantity: share(q) = round_half_up(line_total × q / quantity), and a refund of q more units gets
-- share(prev + q) − share(prev). Refunding a line in any number of parts gives back exactly its
-- total, never a unit more.
create or replace function app.sync_refund_create(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, p jsonb)
returns jsonb language plpgsql as $$
<<fn>>
declare
  s public.sales;
  refund_id uuid;
  reason text;
  shift_id uuid;
  lines jsonb;
  pays jsonb;
  l jsonb;
  pay jsonb;
  it record;
  i int;
  q bigint;
  prev bigint;
  items jsonb := '[]';
  payouts jsonb := '[]';
  moves app.stock_move[] := '{}';
  total bigint := 0;
  tax_total bigint := 0;
  due bigint;
  paid bigint := 0;
  all_cash boolean := true;
  method text;
  amount bigint;
  used_methods text[];
begin
  perform app.j_obj(p, 'payload');
  refund_id := app.j_uuid(p, 'refund_id', true);
  s := app.lock_sale(tenant, app.j_uuid(p, 'sale_id', true));
  reason := app.j_text(p, 'reason', true, null, 500);
  shift_id := app.j_uuid(p, 'shift_id', false);
  lines := app.j_arr(p -> 'lines', 'lines');
  pays := app.j_arr(coalesce(p -> 'payments', '[]'), 'payments');
  if jsonb_array_length(lines) = 0 then
    perform app.fail('invalid_payload', 'a refund needs at least one line');
  end if;
  perform app.require_staff(tenant, staff, 'refund.create', approver);
  if s.status = 'voided' then
    perform app.fail('sale_voided', format('sale %s is voided', s.id));
  end if;
  if shift_id is not null and not exists (
      select 1 from public.shifts x where x.tenant_id = tenant and x.id = fn.shift_id) then
    if exists (select 1 from public.shifts x where x.id = fn.shift_id) then
      perform app.fail('unknown_shift', format('shift %s is not in this tenant', shift_id));
    end if;
    perform app.retry('shift_not_found', format('shift %s has not reached the server yet', shift_id));
  end if;

  for i in 1 .. jsonb_array_length(lines) loop
    l := app.j_obj(lines -> (i - 1), format('lines[%s]', i - 1));
    select si.id, si.product_id, si.quantity, si.total, si.tax into it
    from public.sale_items si
    where si.tenant_id = tenant and si.sale_id = s.id
      and si.id = app.j_uuid(l, 'sale_item_id', true, format('lines[%s].sale_item_id', i - 1));
    if not found then
      perform app.fail('unknown_sale_item', format('lines[%s].sale_item_id is not a line of sale %s', i - 1, s.id));
    end if;
    q := app.j_int(l, 'quantity', true, format('lines[%s].quantity', i - 1), 1, 9007199254740991, 'invalid_quantity');
    select coalesce(sum(ri.quantity), 0) into prev from public.refund_items ri where ri.sale_item_id = it.id;
    if prev + q > it.quantity then
      perform app.fail('refund_exceeds_sale', format('line %s: %s of %s units were already refunded', it.id, prev, it.quantity),
                       jsonb_build_object('sale_item_id', it.id, 'sold', it.quantity, 'refunded', prev, 'requested', q));
    end if;
    items := items || jsonb_build_object(
      'sale_item_id', it.id, 'product_id', it.product_id, 'quantity', q,
      'amount', app.mul_div_half_up(it.total, prev + q, it.quantity) - app.mul_div_half_up(it.total, prev, it.quantity),
      'tax', app.mul_div_half_up(it.tax, prev + q, it.quantity) - app.mul_div_half_up(it.tax, prev, it.quantity),
      'restock', app.j_bool(l, 'restock', format('lines[%s].restock', i - 1)));
  end loop;
  if (select count(distinct e ->> 'sale_item_id') from jsonb_array_elements(items) e) <> jsonb_array_length(items) then
    perform app.fail('invalid_payload', 'each sale_item_id may appear once per refund');
  end if;
  select sum((e ->> 'amount')::bigint), sum((e ->> 'tax')::bigint) into total, tax_total
  from jsonb_array_elements(items) e;

  -- Refunds go back by a method the sale was paid with.
  select array_agg(distinct x.method) into used_methods from public.payments x
  where x.sale_id = s.id and x.refund_id is null;
  for i in 1 .. jsonb_array_length(pays) loop
    pay := app.j_obj(pays -> (i - 1), format('payments[%s]', i - 1));
    method := app.j_text(pay, 'method', true, format('payments[%s].method', i - 1), 20);
    if method not in ('cash', 'qris', 'ewallet', 'card', 'transfer') then
      perform app.fail('invalid_payment_method', format('payments[%s].method %s is not a payment method', i - 1, method));
    end if;
    if not method = any (coalesce(used_methods, '{}')) then
      perform app.fail('refund_method_mismatch', format('payments[%s]: the sale was not paid by %s', i - 1, method));
    end if;
    all_cash := all_cash and method = 'cash';
    amount := app.j_int(pay, 'amount', true, format('payments[%s].amount', i - 1), 1, 9007199254740991, 'invalid_amount');
    paid := paid + amount;
    payouts := payouts || jsonb_build_object(
      'id', app.j_uuid(pay, 'payment_id', true, format('payments[%s].payment_id', i - 1)),
      'method', method, 'amount', amount,
      'external_reference', app.j_text(pay, 'reference', false, format('payments[%s].reference', i - 1), 200));
  end loop;
  -- An all-cash refund rounds like the sale did, so a full refund returns what was taken.
  if all_cash and jsonb_array_length(pays) > 0 and s.cash_rounding_step > 0 then
    due := case when mod(total, s.cash_rounding_step) * 2 >= s.cash_rounding_step
                then total - mod(total, s.cash_rounding_step) + s.cash_rounding_step
                else total - mod(total, s.cash_rounding_step) end;
  else
    due := total;
  end if;
  if p ? 'total' and (p -> 'total') is distinct from to_jsonb(due) then
    perform app.fail('totals_mismatch', format('total is %s, the server computes %s', p ->> 'total', due),
                     jsonb_build_object('field', 'total', 'sent', p -> 'total', 'computed', due));
  end if;
  if paid <> due then
    perform app.fail(case when paid < due then 'insufficient_payment' else 'invalid_payment' end,
                     format('refund payments %s must equal the %s due', paid, due),
                     jsonb_build_object('due', due, 'paid', paid));
  end if;

  insert into public.refunds (id, tenant_id, sale_id, outlet_id, location_id, device_id, shift_id,
    staff_id, approver_staff_id, reason, total, tax_total, rounding, total_due, refunded_at, mutation_id)
  values (refund_id, tenant, s.id, s.outlet_id, s.location_id, device, shift_id, staff, approver,
    reason, total, tax_total, due - total, due, app.j_ts(p, 'refunded_at', true), mutation);
  insert into public.refund_items (tenant_id, refund_id, sale_item_id, product_id, quantity, amount, tax, restock)
  select tenant, refund_id, r.sale_item_id, r.product_id, r.quantity, r.amount, r.tax, r.restock
  from jsonb_to_recordset(items) as r(sale_item_id uuid, product_id uuid, quantity bigint, amount bigint,
                                      tax bigint, restock boolean);
  insert into public.payments (id, tenant_id, sale_id, refund_id, method, amount, external_reference,
    status, confirmed_at)
  select r.id, tenant, s.id, refund_id, r.method, r.amount, r.external_reference, 'confirmed', now()
  from jsonb_to_recordset(payouts) as r(id uuid, method text, amount bigint, external_reference text);

  select array_agg(row((e ->> 'product_id')::uuid, s.location_id, 'refund', (e ->> 'quantity')::bigint,
                       s.id, (e ->> 'sale_item_id')::uuid, refund_id, null, reason, null, null, null)::app.stock_move)
    into moves from jsonb_array_elements(items) e where (e ->> 'restock')::boolean;
  if moves is not null then
    perform app.apply_stock(tenant, moves, mutation, device, staff, approver);
  end if;

  perform app.audit(tenant, 'refunds', refund_id::text, 'refund', null,
    jsonb_build_object('sale_id', s.id, 'receipt_no', s.receipt_no, 'total_due', due, 'reason', reason,
                       'staff_id', staff, 'approver_staff_id', approver, 'lines', items));
  return jsonb_build_object('refund_id', refund_id, 'sale_id', s.id, 'total', total, 'total_due', due);
end
$$;

revoke all on all functions in schema app from public;
