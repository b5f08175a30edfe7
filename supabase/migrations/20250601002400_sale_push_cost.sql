-- Sale pushes: two kinds of work the server did for every sale.complete that it need not do (found
-- with per-table index statistics, perf and the planner's debug output while pushing sales), and
-- why each change below leaves behaviour as it was.
--
-- 1. Key lookups that read every row of the tenant. A fresh database has no statistics (PGlite
--    never gathers any: it has no autovacuum), and without them the planner costs an index on
--    (tenant_id, <anything>) exactly like the unique index on the key. A tie goes to the index
--    created last, so the foreign-key checks on sales (tenant_id, id) ran on
--    sales_tenant_completed_idx (20250601002200), those on stock_levels (tenant_id, product_id,
--    location_id) on stock_levels_sync_idx, and the claim update in push_one on
--    sync_mutations_device_idx: each lookup walked all the tenant's sales, levels or mutations, and
--    the plans, cached per connection, stay until statistics arrive. In the bench, 5,000 sales read
--    17 million sales index entries and 5 million sync_mutations entries before autovacuum's first
--    analyze. The key indexes are rebuilt here under the same names and definitions, so that they
--    are the newest and win the tie; with statistics the planner picks them anyway. The foreign
--    key that depends on the stock level key is dropped and added back unchanged. (A later index
--    led by tenant_id on these tables brings the problem back: check the plans of the key lookups
--    on a fresh database when adding one.)
--
-- 2. Statements planned afresh for every sale. A query that PL/pgSQL runs with parameters gets a
--    generic plan once a few custom plans showed it is no worse; these never did:
--    - `shift_id is not null and not exists (…)` (and the same for customer_id): with a null id the
--      custom plan is a constant, so cheap that the generic plan never wins. The null tests are now
--      plain PL/pgSQL conditions and the lookups run only for an id.
--    - apply_stock's insert of missing level rows, over unnest(moves): a custom plan knows the
--      array's length, the generic one guesses 10 rows, each with an index probe. The rows nearly
--      always exist, so apply_stock first probes for them one move at a time (a plan made once),
--      and runs the insert only when one is missing.
--
-- Measured: 31 pushes of 100 sales on a fresh database, push time relative to compute_totals
-- (whose work is unchanged): 22.8 before, 13.2 with 1., 12.2 with 1. and 2. In the sync-drain
-- bench (PostgreSQL 15, 5,000 sales, 100 per push) batched throughput was 243-257 sales/s when
-- autovacuum happened to analyze the tables early and 168 when it did not; after, 254 and 287,
-- with apply_stock down from about 1 ms to 0.45 ms per sale.

-- 1. The key indexes, newest.
create unique index sales_pkey_rebuilt on public.sales (id);
alter table public.sales drop constraint sales_pkey;
alter table public.sales add constraint sales_pkey primary key using index sales_pkey_rebuilt;

create unique index sync_mutations_pkey_rebuilt on public.sync_mutations (tenant_id, id);
alter table public.sync_mutations drop constraint sync_mutations_pkey;
alter table public.sync_mutations add constraint sync_mutations_pkey primary key
  using index sync_mutations_pkey_rebuilt;

alter table public.stock_movements drop constraint stock_movements_tenant_id_product_id_location_id_fkey;
alter table public.stock_levels drop constraint stock_levels_tenant_id_product_id_location_id_key;
alter table public.stock_levels add constraint stock_levels_tenant_id_product_id_location_id_key
  unique (tenant_id, product_id, location_id);
alter table public.stock_movements add constraint stock_movements_tenant_id_product_id_location_id_fkey
  foreign key (tenant_id, product_id, location_id)
  references public.stock_levels (tenant_id, product_id, location_id);

-- 2. Plans made once.
create or replace function app.apply_stock(
  tenant uuid, moves app.stock_move[],
  mutation uuid default null, device uuid default null,
  staff uuid default null, approver uuid default null, receipt text default null)
returns table (product_id uuid, location_id uuid, quantity bigint, delta bigint)
language plpgsql as $$
declare
  deferred boolean := current_setting('lapak.defer_stock', true) = 'on'
                      and not exists (select 1 from unnest(moves) m where m.kind not in ('sale', 'void', 'refund'));
  actor uuid := auth.uid();
  mv app.stock_move;
  missing boolean := false;
begin
  if deferred then
    -- Level rows must exist for the movements' foreign key; existing ones are found by a plain
    -- read that never waits on the transactions updating them. Nearly always all of them exist:
    -- a probe per move says so, and only a missing row costs the insert below, whose plan (over
    -- an array the planner can only count once it is given) was otherwise made anew every call.
    foreach mv in array coalesce(moves, '{}') loop
      if not exists (select 1 from public.stock_levels s
                     where s.tenant_id = tenant and s.product_id = mv.product_id
                       and s.location_id = mv.location_id) then
        missing := true;
        exit;
      end if;
    end loop;
    if missing then
      insert into public.stock_levels (tenant_id, product_id, location_id)
      select distinct tenant, m.product_id, m.location_id from unnest(moves) m
      where (select s.id from public.stock_levels s
             where s.tenant_id = tenant and s.product_id = m.product_id and s.location_id = m.location_id) is null
      order by 2, 3
      on conflict on constraint stock_levels_tenant_id_product_id_location_id_key do nothing;
    end if;
  else
    -- Queued deltas first, so an adjustment or count in the same push sees the sales before it.
    perform app.flush_stock();
    perform app.lock_levels(tenant, array(select m.product_id from unnest(moves) m),
                                    array(select m.location_id from unnest(moves) m));
  end if;

  insert into public.stock_movements (tenant_id, product_id, location_id, kind, quantity, sale_id,
    sale_item_id, refund_id, batch_id, mutation_id, device_id, staff_id, approver_staff_id,
    created_by, reason, note, reference, unit_cost)
  select tenant, m.product_id, m.location_id, m.kind, m.quantity, m.sale_id, m.sale_item_id,
         m.refund_id, m.batch_id, mutation, device, staff, approver, actor, m.reason, m.note,
         m.reference, m.unit_cost
  from unnest(moves) m;

  if deferred then
    insert into pg_temp.lapak_stock_deltas (tenant_id, product_id, location_id, delta, sale_id, device_id, receipt_no)
    select tenant, m.product_id, m.location_id, m.quantity, m.sale_id, device, receipt
    from unnest(moves) m;
    return;
  end if;

  return query
  update public.stock_levels s set quantity = s.quantity + d.delta
  from (select m.product_id, m.location_id, sum(m.quantity)::bigint as delta
        from unnest(moves) m group by m.product_id, m.location_id) d
  where s.product_id = d.product_id and s.location_id = d.location_id and s.tenant_id = tenant
  returning s.product_id, s.location_id, s.quantity, d.delta;
end
$$;

create or replace function app.sync_sale_complete(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, catalog_version bigint, p jsonb)
returns jsonb language plpgsql as $$
<<fn>>
declare
  settings record;
  sale_id uuid;
  receipt_no text;
  outlet_id uuid;
  location_id uuid;
  shift_id uuid;
  customer_id uuid;
  lines jsonb;
  totals jsonb;
  payments jsonb;
  computed jsonb;
  tax_mode text;
  step bigint;
  n int;
  i int;
  items jsonb;
  discounted boolean;
  overridden boolean;
  distinct_ok boolean;
  missing_product text;
  uuid_re constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  chg bigint;
  k text;
  pay jsonb;
  pays jsonb := '[]';
  all_cash boolean := true;
  due bigint;
  paid bigint := 0;
  noncash bigint := 0;
  change_total bigint := 0;
  amount bigint;
  tendered bigint;
  method text;
  moves app.stock_move[] := '{}';
  lvl record;
  mismatches jsonb;
begin
  perform app.j_obj(p, 'payload');
  sale_id := app.j_uuid(p, 'sale_id', true);
  receipt_no := app.j_text(p, 'receipt_no', true, null, 40);
  if receipt_no !~ '^[A-Z0-9]{2,8}-[A-Z0-9]{2,8}-([0-9]{6}|[1-9][0-9]{6,15})$' then
    perform app.fail('invalid_receipt_number', format('receipt_no %s is not <outlet>-<device>-<counter>', receipt_no));
  end if;
  outlet_id := app.j_uuid(p, 'outlet_id', true);
  shift_id := app.j_uuid(p, 'shift_id', false);
  customer_id := app.j_uuid(p, 'customer_id', false);
  lines := app.j_arr(p -> 'lines', 'lines');
  n := jsonb_array_length(lines);
  if n = 0 then
    perform app.fail('empty_cart', 'a sale needs at least one line');
  end if;
  if n > 500 then
    perform app.fail('invalid_payload', 'a sale may have at most 500 lines');
  end if;
  totals := app.j_obj(p -> 'totals', 'totals');
  payments := app.j_arr(coalesce(p -> 'payments', '[]'), 'payments');

  -- The tenant's tax mode and cash rounding apply unless the till says which it used (it may have
  -- rung the sale up before a settings change reached it).
  select t.tax_mode, t.cash_rounding_step into settings from public.tenants t where t.id = tenant;
  tax_mode := coalesce(app.j_text(p, 'tax_mode', false), settings.tax_mode);
  step := coalesce(app.j_int(p, 'cash_rounding_step', false, null, 0, 9007199254740991, 'invalid_rounding_step'),
                   settings.cash_rounding_step);

  -- Totals first: their validation gives the vector codes (invalid_quantity, invalid_amount …).
  computed := app.compute_totals(lines, p -> 'order_discount', tax_mode, step);
  foreach k in array array['subtotal', 'line_discount_total', 'order_discount_total', 'net_total',
                           'tax_total', 'total', 'rounding', 'total_due'] loop
    if (totals -> k) is distinct from (computed -> k) then
      perform app.fail('totals_mismatch', format('totals.%s is %s, the server computes %s', k,
                       coalesce(totals ->> k, 'missing'), computed ->> k),
                       jsonb_build_object('field', k, 'sent', totals -> k, 'computed', computed -> k));
    end if;
  end loop;

  select l2.id into location_id from public.locations l2
  where l2.tenant_id = tenant and l2.outlet_id = fn.outlet_id and l2.is_sales_default;
  if location_id is null then
    perform app.fail('unknown_outlet', format('outlet %s does not exist in this tenant', outlet_id));
  end if;

  perform app.require_staff(tenant, staff, 'sale.create', approver);

  -- The null tests stand alone: folded into the query, a null id made a plan so cheap that the
  -- query was planned afresh for every sale (see above).
  if shift_id is not null then
    if not exists (select 1 from public.shifts s where s.tenant_id = tenant and s.id = fn.shift_id) then
      if exists (select 1 from public.shifts s where s.id = fn.shift_id) then
        perform app.fail('unknown_shift', format('shift %s is not in this tenant', shift_id));
      end if;
      perform app.retry('shift_not_found', format('shift %s has not reached the server yet', shift_id));
    end if;
  end if;
  if customer_id is not null then
    if not exists (select 1 from public.customers cu where cu.tenant_id = tenant and cu.id = fn.customer_id) then
      if exists (select 1 from public.customers cu where cu.id = fn.customer_id) then
        perform app.fail('unknown_customer', format('customer %s is not in this tenant', customer_id));
      end if;
      perform app.retry('customer_not_found', format('customer %s has not reached the server yet', customer_id));
    end if;
  end if;

  -- Line identity and snapshot fields, checked for all lines in one pass (the first bad field
  -- is reported).
  select format('lines[%s].%s', e.i - 1, f.problem) into k
  from jsonb_array_elements(lines) with ordinality as e(l, i)
  cross join lateral (select case
    when jsonb_typeof(e.l -> 'line_id') is distinct from 'string' or e.l ->> 'line_id' !~* uuid_re
      then 'line_id must be a uuid'
    when jsonb_typeof(e.l -> 'product_id') is distinct from 'string' or e.l ->> 'product_id' !~* uuid_re
      then 'product_id must be a uuid'
    when jsonb_typeof(e.l -> 'name') is distinct from 'string' or length(btrim(e.l ->> 'name')) not between 1 and 200
      then 'name must be 1 to 200 characters'
    when coalesce(jsonb_typeof(e.l -> 'sku'), 'null') not in ('null', 'string') or length(btrim(e.l ->> 'sku')) > 40
      then 'sku must be a string of at most 40 characters'
    when coalesce(jsonb_typeof(e.l -> 'note'), 'null') not in ('null', 'string') or length(btrim(e.l ->> 'note')) > 500
      then 'note must be a string of at most 500 characters'
    when coalesce(jsonb_typeof(e.l -> 'price_override'), 'null') not in ('null', 'boolean')
      then 'price_override must be a boolean'
    end as problem) f
  where f.problem is not null
  order by e.i limit 1;
  if k is not null then
    perform app.fail('invalid_payload', k);
  end if;

  -- The lines as stored: snapshot, computed amounts, and what the catalog said at the till's
  -- catalog version (the latest price change at or before it, or the product's first price when
  -- the till's version predates the product); in the same pass, whether every product is the
  -- tenant's (deleted or inactive ones are fine: the goods were sold).
  select jsonb_agg(jsonb_build_object(
           'id', (e.l ->> 'line_id')::uuid, 'line_no', e.i, 'product_id', (e.l ->> 'product_id')::uuid,
           'name', btrim(e.l ->> 'name'), 'sku', nullif(btrim(e.l ->> 'sku'), ''),
           'note', nullif(btrim(e.l ->> 'note'), ''),
           'quantity', e.l -> 'quantity', 'unit_price', e.l -> 'unit_price', 'tax_rate_bp', e.l -> 'tax_rate_bp',
           'discount', nullif(e.l -> 'discount', 'null'::jsonb),
           'price_override', coalesce((e.l ->> 'price_override')::boolean, false),
           'catalog_price', cp.price, 'catalog_tax_rate_bp', cp.tax_rate_bp)
         || (computed -> 'lines' -> (e.i::int - 1)) order by e.i),
         count(distinct e.l ->> 'line_id') = n,
         min(case when pr.id is null then e.l ->> 'product_id' end),
         bool_or(coalesce((e.l ->> 'price_override')::boolean, false)),
         bool_or((computed -> 'lines' -> (e.i::int - 1) ->> 'line_discount')::bigint > 0),
         -- One movement per line, at the outlet's sales location.
         array_agg(row(pr.id, location_id, 'sale', -(e.l ->> 'quantity')::bigint, sale_id,
                       (e.l ->> 'line_id')::uuid, null, null, null, null, null, null)::app.stock_move
                   order by e.i),
         -- Prices that differ from the catalog at the till's version.
         jsonb_agg(jsonb_build_object('line_id', e.l -> 'line_id', 'product_id', e.l -> 'product_id',
                     'unit_price', e.l -> 'unit_price', 'catalog_price', cp.price,
                     'tax_rate_bp', e.l -> 'tax_rate_bp', 'catalog_tax_rate_bp', cp.tax_rate_bp,
                     'price_override', coalesce((e.l ->> 'price_override')::boolean, false)) order by e.i)
           filter (where cp.price is not null and ((e.l ->> 'unit_price')::bigint <> cp.price
                                                   or (e.l ->> 'tax_rate_bp')::int <> cp.tax_rate_bp))
    into items, distinct_ok, missing_product, overridden, discounted, moves, mismatches
  from jsonb_array_elements(lines) with ordinality as e(l, i)
  left join lateral (
    select pr.id from public.products pr
    where pr.tenant_id = tenant and pr.id = (e.l ->> 'product_id')::uuid
    limit 1) pr on true
  left join lateral (
    -- The latest version at or before the till's; failing that (none is), the first one.
    (select h.price, h.tax_rate_bp from public.product_price_history h
     where h.product_id = pr.id and h.catalog_version <= sync_sale_complete.catalog_version
     order by h.catalog_version desc limit 1)
    union all
    (select h.price, h.tax_rate_bp from public.product_price_history h
     where h.product_id = pr.id
     order by h.catalog_version limit 1)
    limit 1) cp on true;
  if not distinct_ok then
    perform app.fail('invalid_payload', 'line_id values must be distinct');
  end if;
  if missing_product is not null then
    perform app.fail('unknown_product', format('product %s does not exist in this tenant', missing_product));
  end if;

  if discounted or (computed ->> 'order_discount_total')::bigint > 0 then
    perform app.require_staff(tenant, staff, 'discount.override', approver);
  end if;
  if overridden then
    perform app.require_staff(tenant, staff, 'price.override', approver);
  end if;

  -- Tender (src/lib/payments.ts): cash rounding applies only when every payment is cash; each
  -- payment settles `amount`, cash may hand over more (`tendered`) and get `change` back.
  for i in 1 .. jsonb_array_length(payments) loop
    pay := app.j_obj(payments -> (i - 1), format('payments[%s]', i - 1));
    method := app.j_text(pay, 'method', true, format('payments[%s].method', i - 1), 20);
    if method not in ('cash', 'qris', 'ewallet', 'card', 'transfer') then
      perform app.fail('invalid_payment_method', format('payments[%s].method %s is not a payment method', i - 1, method));
    end if;
    all_cash := all_cash and method = 'cash';
    amount := app.j_int(pay, 'amount', true, format('payments[%s].amount', i - 1), 1, 9007199254740991, 'invalid_amount');
    tendered := app.j_int(pay, 'tendered', false, format('payments[%s].tendered', i - 1), 1, 9007199254740991, 'invalid_amount');
    if tendered is not null and (method <> 'cash' or tendered < amount) then
      perform app.fail('invalid_payment', format('payments[%s].tendered is for cash only and must cover the amount', i - 1));
    end if;
    chg := app.j_int(pay, 'change', false, format('payments[%s].change', i - 1), 0, 9007199254740991, 'invalid_payment');
    if chg is not null and chg <> coalesce(tendered, amount) - amount then
      perform app.fail('invalid_payment', format('payments[%s].change must be tendered - amount', i - 1));
    end if;
    if coalesce(pay ->> 'status', 'confirmed') not in ('confirmed', 'pending')
       or (method = 'cash' and coalesce(pay ->> 'status', 'confirmed') <> 'confirmed') then
      perform app.fail('invalid_payment', format('payments[%s].status must be confirmed (or pending for non-cash)', i - 1));
    end if;
    paid := paid + amount;
    if method <> 'cash' then noncash := noncash + amount; end if;
    change_total := change_total + coalesce(tendered, amount) - amount;
    pays := pays || jsonb_build_object(
      'id', app.j_uuid(pay, 'payment_id', true, format('payments[%s].payment_id', i - 1)),
      'method', method, 'amount', amount, 'tendered', tendered, 'change', coalesce(tendered, amount) - amount,
      'external_reference', app.j_text(pay, 'reference', false, format('payments[%s].reference', i - 1), 200),
      'status', coalesce(pay ->> 'status', 'confirmed'));
  end loop;
  due := case when all_cash and jsonb_array_length(payments) > 0 then (computed ->> 'total_due')::bigint
              else (computed ->> 'total')::bigint end;
  if noncash > due then
    perform app.fail('overpayment_noncash', format('non-cash payments %s exceed the %s due', noncash, due));
  end if;
  if paid < due then
    perform app.fail('insufficient_payment', format('payments %s do not cover the %s due', paid, due),
                     jsonb_build_object('due', due, 'paid', paid));
  end if;
  if paid > due then
    perform app.fail('invalid_payment', format('payments %s exceed the %s due (cash change goes in tendered)', paid, due),
                     jsonb_build_object('due', due, 'paid', paid));
  end if;

  insert into public.sales (id, tenant_id, outlet_id, location_id, device_id, shift_id, customer_id,
    staff_id, approver_staff_id, receipt_no, catalog_version, tax_mode, cash_rounding_step,
    order_discount, subtotal, line_discount_total, order_discount_total, net_total, tax_total, total,
    rounding, total_due, paid_total, change_total, tax_breakdown, completed_at, note, mutation_id)
  values (sale_id, tenant, outlet_id, location_id, device, shift_id, customer_id, staff, approver,
    receipt_no, catalog_version, tax_mode, step,
    case when p -> 'order_discount' = 'null'::jsonb then null else p -> 'order_discount' end,
    (computed ->> 'subtotal')::bigint, (computed ->> 'line_discount_total')::bigint,
    (computed ->> 'order_discount_total')::bigint, (computed ->> 'net_total')::bigint,
    (computed ->> 'tax_total')::bigint, (computed ->> 'total')::bigint,
    due - (computed ->> 'total')::bigint, due, paid, change_total, computed -> 'tax_breakdown',
    app.j_ts(p, 'completed_at', true), app.j_text(p, 'note', false, null, 1000), mutation);

  insert into public.sale_items (id, tenant_id, sale_id, line_no, product_id, name, sku, quantity,
    unit_price, catalog_price, catalog_tax_rate_bp, tax_rate_bp, discount, price_override, gross,
    line_discount, order_discount, net, tax, total, note)
  select r.id, tenant, sale_id, r.line_no, r.product_id, r.name, r.sku, r.quantity, r.unit_price,
         r.catalog_price, r.catalog_tax_rate_bp, r.tax_rate_bp, r.discount, r.price_override, r.gross,
         r.line_discount, r.order_discount, r.net, r.tax, r.total, r.note
  from jsonb_to_recordset(items) as r(id uuid, line_no int, product_id uuid, name text, sku text,
    quantity bigint, unit_price bigint, catalog_price bigint, catalog_tax_rate_bp int, tax_rate_bp int,
    discount jsonb, price_override boolean, gross bigint, line_discount bigint, order_discount bigint,
    net bigint, tax bigint, total bigint, note text);

  insert into public.payments (id, tenant_id, sale_id, method, amount, tendered, change,
    external_reference, status, confirmed_at)
  select r.id, tenant, sale_id, r.method, r.amount, r.tendered, r.change, r.external_reference, r.status,
         case when r.status = 'confirmed' then now() end
  from jsonb_to_recordset(pays) as r(id uuid, method text, amount bigint, tendered bigint, change bigint,
    external_reference text, status text);

  for lvl in select * from app.apply_stock(tenant, moves, mutation, device, staff, approver, receipt_no) loop
    if lvl.quantity < 0 then
      perform app.note_negative_stock(tenant, lvl.product_id, lvl.location_id, lvl.quantity, sale_id,
                                      device, receipt_no);
    end if;
  end loop;

  -- Prices that differ from the catalog at the till's version: accepted, flagged (or audited when
  -- the cashier overrode the price on purpose, with permission checked above).
  if mismatches is not null then
    if exists (select 1 from jsonb_array_elements(mismatches) m where not (m ->> 'price_override')::boolean) then
      insert into public.alerts (tenant_id, kind, sale_id, device_id, mutation_id, payload)
      values (tenant, 'price_mismatch', sale_id, device, mutation,
              jsonb_build_object('receipt_no', receipt_no, 'catalog_version', catalog_version,
                                 'lines', (select jsonb_agg(m) from jsonb_array_elements(mismatches) m
                                           where not (m ->> 'price_override')::boolean)));
    end if;
    perform app.audit(tenant, 'sale_items', m ->> 'line_id', 'price_override',
                      jsonb_build_object('price', m -> 'catalog_price', 'tax_rate_bp', m -> 'catalog_tax_rate_bp'),
                      jsonb_build_object('price', m -> 'unit_price', 'tax_rate_bp', m -> 'tax_rate_bp',
                                         'sale_id', sale_id, 'receipt_no', receipt_no))
    from jsonb_array_elements(mismatches) m where (m ->> 'price_override')::boolean;
  end if;

  return jsonb_build_object('sale_id', sale_id, 'receipt_no', receipt_no, 'total_due', due);
end
$$;

revoke all on all functions in schema app from public;
