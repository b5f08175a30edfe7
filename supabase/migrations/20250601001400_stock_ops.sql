-- Stock operations shared by the tills (sync_push kinds stock.adjust, stock.transfer) and the back
-- office (adjust_stock, transfer_stock, receive_stock). Callers check permissions; these validate
-- the payload, check tenant ownership and move stock through app.apply_stock.

create or replace function app.require_location(tenant uuid, location uuid, field text) returns void
language plpgsql as $$
begin
  if not exists (select 1 from public.locations l where l.tenant_id = tenant and l.id = location) then
    perform app.fail('unknown_location', format('%s %s does not exist in this tenant', field, location));
  end if;
end
$$;

create or replace function app.require_products(tenant uuid, products uuid[]) returns void
language plpgsql as $$
declare
  missing uuid;
begin
  select u.pid into missing from unnest(products) u(pid)
  where not exists (select 1 from public.products pr where pr.tenant_id = tenant and pr.id = u.pid) limit 1;
  if missing is not null then
    perform app.fail('unknown_product', format('product %s does not exist in this tenant', missing));
  end if;
end
$$;

-- {location_id, reason, note?, batch_id?, lines:[{product_id, delta} | {product_id, counted}]}
-- `delta` adjusts by a signed amount (kind adjustment); `counted` sets the level to what a count
-- found (kind count, the difference is recorded; a count that matches records nothing).
create or replace function app.stock_adjust(tenant uuid, p jsonb, mutation uuid, device uuid,
  staff uuid, approver uuid)
returns jsonb language plpgsql as $$
declare
  location uuid;
  reason text;
  note text;
  batch uuid;
  lines jsonb;
  l jsonb;
  i int;
  products uuid[] := '{}';
  deltas bigint[] := '{}';
  counted bigint[] := '{}';
  moves app.stock_move[] := '{}';
  d bigint;
  cur bigint;
  levels jsonb;
begin
  perform app.j_obj(p, 'payload');
  location := app.j_uuid(p, 'location_id', true);
  reason := app.j_text(p, 'reason', true, null, 200);
  note := app.j_text(p, 'note', false, null, 1000);
  batch := coalesce(app.j_uuid(p, 'batch_id', false), mutation, gen_random_uuid());
  lines := app.j_arr(p -> 'lines', 'lines');
  if jsonb_array_length(lines) not between 1 and 500 then
    perform app.fail('invalid_payload', 'lines must have 1 to 500 entries');
  end if;
  for i in 1 .. jsonb_array_length(lines) loop
    l := app.j_obj(lines -> (i - 1), format('lines[%s]', i - 1));
    products := products || app.j_uuid(l, 'product_id', true, format('lines[%s].product_id', i - 1));
    if (l ? 'delta') = (l ? 'counted') then
      perform app.fail('invalid_payload', format('lines[%s] needs exactly one of delta and counted', i - 1));
    end if;
    deltas := deltas || app.j_int(l, 'delta', false, format('lines[%s].delta', i - 1), -9007199254740991, 9007199254740991, 'invalid_quantity');
    counted := counted || app.j_int(l, 'counted', false, format('lines[%s].counted', i - 1), 0, 9007199254740991, 'invalid_quantity');
    if deltas[i] = 0 then
      perform app.fail('invalid_quantity', format('lines[%s].delta must not be 0', i - 1));
    end if;
  end loop;
  if (select count(distinct x) from unnest(products) x) <> cardinality(products) then
    perform app.fail('invalid_payload', 'each product may appear once per adjustment');
  end if;
  perform app.require_location(tenant, location, 'location_id');
  perform app.require_products(tenant, products);

  -- Counts need the level as it is under the lock, so lock first.
  perform app.lock_levels(tenant, products, array_fill(location, array[cardinality(products)]));
  for i in 1 .. cardinality(products) loop
    if counted[i] is not null then
      select s.quantity into cur from public.stock_levels s
      where s.product_id = products[i] and s.location_id = location;
      d := counted[i] - cur;
    else
      d := deltas[i];
    end if;
    if d <> 0 then
      moves := moves || row(products[i], location, case when counted[i] is null then 'adjustment' else 'count' end,
                            d, null, null, null, batch, reason, note, null, null)::app.stock_move;
    end if;
  end loop;
  if cardinality(moves) = 0 then
    return jsonb_build_object('batch_id', batch, 'levels', '[]'::jsonb);
  end if;
  select jsonb_agg(to_jsonb(x)) into levels from app.apply_stock(tenant, moves, mutation, device, staff, approver) x;
  perform app.check_strict_stock(tenant, levels);
  return jsonb_build_object('batch_id', batch, 'levels', levels);
end
$$;

-- {transfer_id?, from_location_id, to_location_id, note?, lines:[{product_id, quantity > 0}]}
create or replace function app.stock_transfer(tenant uuid, p jsonb, mutation uuid, device uuid,
  staff uuid, approver uuid)
returns jsonb language plpgsql as $$
declare
  src uuid;
  dst uuid;
  batch uuid;
  note text;
  lines jsonb;
  l jsonb;
  i int;
  q bigint;
  products uuid[] := '{}';
  moves app.stock_move[] := '{}';
  levels jsonb;
begin
  perform app.j_obj(p, 'payload');
  src := app.j_uuid(p, 'from_location_id', true);
  dst := app.j_uuid(p, 'to_location_id', true);
  batch := coalesce(app.j_uuid(p, 'transfer_id', false), mutation, gen_random_uuid());
  note := app.j_text(p, 'note', false, null, 1000);
  if src = dst then
    perform app.fail('invalid_payload', 'a transfer needs two different locations');
  end if;
  lines := app.j_arr(p -> 'lines', 'lines');
  if jsonb_array_length(lines) not between 1 and 500 then
    perform app.fail('invalid_payload', 'lines must have 1 to 500 entries');
  end if;
  for i in 1 .. jsonb_array_length(lines) loop
    l := app.j_obj(lines -> (i - 1), format('lines[%s]', i - 1));
    products := products || app.j_uuid(l, 'product_id', true, format('lines[%s].product_id', i - 1));
    q := app.j_int(l, 'quantity', true, format('lines[%s].quantity', i - 1), 1, 9007199254740991, 'invalid_quantity');
    moves := moves
      || row(products[i], src, 'transfer_out', -q, null, null, null, batch, null, note, null, null)::app.stock_move
      || row(products[i], dst, 'transfer_in', q, null, null, null, batch, null, note, null, null)::app.stock_move;
  end loop;
  if (select count(distinct x) from unnest(products) x) <> cardinality(products) then
    perform app.fail('invalid_payload', 'each product may appear once per transfer');
  end if;
  perform app.require_location(tenant, src, 'from_location_id');
  perform app.require_location(tenant, dst, 'to_location_id');
  perform app.require_products(tenant, products);
  select jsonb_agg(to_jsonb(x)) into levels from app.apply_stock(tenant, moves, mutation, device, staff, approver) x;
  perform app.check_strict_stock(tenant, levels);
  return jsonb_build_object('transfer_id', batch, 'levels', levels);
end
$$;

-- {location_id, reference?, note?, lines:[{product_id, quantity > 0, unit_cost?}]}
create or replace function app.stock_receive(tenant uuid, p jsonb, staff uuid)
returns jsonb language plpgsql as $$
declare
  location uuid;
  reference text;
  note text;
  batch uuid := gen_random_uuid();
  lines jsonb;
  l jsonb;
  i int;
  products uuid[] := '{}';
  moves app.stock_move[] := '{}';
  levels jsonb;
begin
  perform app.j_obj(p, 'payload');
  location := app.j_uuid(p, 'location_id', true);
  reference := app.j_text(p, 'reference', false, null, 200);
  note := app.j_text(p, 'note', false, null, 1000);
  lines := app.j_arr(p -> 'lines', 'lines');
  if jsonb_array_length(lines) not between 1 and 500 then
    perform app.fail('invalid_payload', 'lines must have 1 to 500 entries');
  end if;
  for i in 1 .. jsonb_array_length(lines) loop
    l := app.j_obj(lines -> (i - 1), format('lines[%s]', i - 1));
    products := products || app.j_uuid(l, 'product_id', true, format('lines[%s].product_id', i - 1));
    moves := moves || row(products[i], location, 'receiving',
      app.j_int(l, 'quantity', true, format('lines[%s].quantity', i - 1), 1, 9007199254740991, 'invalid_quantity'),
      null, null, null, batch, null, note, reference,
      app.j_int(l, 'unit_cost', false, format('lines[%s].unit_cost', i - 1), 0, 9007199254740991, 'invalid_amount'))::app.stock_move;
  end loop;
  perform app.require_location(tenant, location, 'location_id');
  perform app.require_products(tenant, products);
  select jsonb_agg(to_jsonb(x)) into levels from app.apply_stock(tenant, moves, null, null, staff, null) x;
  return jsonb_build_object('batch_id', batch, 'levels', levels);
end
$$;

-- Adjustments and counts change stock without goods moving, so each is audited with who did it.
-- (Sales, voids and refunds are audited with their sale; transfers and receipts are plain ledger
-- entries that already name their staff, device and caller.)
create or replace function app.audit_stock_movement() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.audit(new.tenant_id, 'stock_movements', new.id::text,
    case new.kind when 'adjustment' then 'stock_adjustment' else 'stock_count' end,
    null, jsonb_build_object('product_id', new.product_id, 'location_id', new.location_id,
      'kind', new.kind, 'quantity', new.quantity, 'reason', new.reason, 'batch_id', new.batch_id,
      'staff_id', new.staff_id, 'device_id', new.device_id, 'mutation_id', new.mutation_id));
  return null;
end
$$;
create trigger t50_audit after insert on public.stock_movements
  for each row when (new.kind in ('adjustment', 'count'))
  execute function app.audit_stock_movement();

revoke all on all functions in schema app from public;
