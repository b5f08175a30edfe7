-- The one way stock moves: app.apply_stock writes the movements, and the levels change in the same
-- transaction under row locks taken in (product_id, location_id) order. Every caller goes through
-- it, so two transactions touching the same products lock them in the same order and never
-- deadlock on each other, whatever order their lines came in.
--
-- Inside sync_push, sales, voids and refunds defer the level updates to the end of the push
-- (app.flush_stock): the movements are written at once, the deltas are queued in a temporary
-- table, and all levels the push touches are locked and updated in one sorted pass just before
-- commit. A hot product's level is then locked for the last moments of a push instead of all of
-- it, which is what lets many tills sell the same few products at once.

create type app.stock_move as (
  product_id uuid,
  location_id uuid,
  kind text,
  quantity bigint,
  sale_id uuid,
  sale_item_id uuid,
  refund_id uuid,
  batch_id uuid,
  reason text,
  note text,
  reference text,
  unit_cost bigint
);

-- Level rows for these (product, location) pairs exist afterwards. Existing rows are found by a
-- plain read (which never waits); only missing ones are inserted, in sorted order.
create or replace function app.ensure_levels(tenant uuid, products uuid[], locations uuid[]) returns void
language plpgsql as $$
begin
  insert into public.stock_levels (tenant_id, product_id, location_id)
  select distinct tenant, u.p, u.l from unnest(products, locations) as u(p, l)
  where not exists (select 1 from public.stock_levels s
                    where s.tenant_id = tenant and s.product_id = u.p and s.location_id = u.l)
  order by 2, 3
  on conflict (tenant_id, product_id, location_id) do nothing;
end
$$;

-- Locks the level rows of these pairs (creating missing ones first) in sorted order. NO KEY UPDATE
-- is the lock the update itself takes; FOR UPDATE would also block (and deadlock with) the
-- foreign-key checks that other transactions' movements make on the same level rows.
create or replace function app.lock_levels(tenant uuid, products uuid[], locations uuid[]) returns void
language plpgsql as $$
begin
  perform app.ensure_levels(tenant, products, locations);
  perform 1 from public.stock_levels s
  where s.tenant_id = tenant
    and (s.product_id, s.location_id) in (select u.p, u.l from unnest(products, locations) as u(p, l))
  order by s.product_id, s.location_id
  for no key update;
end
$$;

-- The queue of deferred deltas: transaction-local (emptied at commit, and rolled back with the
-- subtransaction of a mutation that fails), one per session.
create or replace function app.begin_deferred_stock() returns void
language plpgsql as $$
begin
  if to_regclass('pg_temp.lapak_stock_deltas') is null then
    create temp table lapak_stock_deltas (
      seq bigint generated always as identity,
      tenant_id uuid not null,
      product_id uuid not null,
      location_id uuid not null,
      delta bigint not null,
      sale_id uuid,
      device_id uuid,
      receipt_no text
    ) on commit delete rows;
  end if;
  perform set_config('lapak.defer_stock', 'on', true);
end
$$;

-- Applies the queued deltas: locks the levels in sorted order, opens negative-stock alerts for the
-- sales that took a level below zero (with the level as it stood after each of them), and updates
-- each level once.
create or replace function app.flush_stock() returns void
language plpgsql as $$
declare
  r record;
  negative boolean;
begin
  -- Two statements: the second cannot even be planned while the table does not exist.
  if to_regclass('pg_temp.lapak_stock_deltas') is null then
    return;
  end if;
  if not exists (select 1 from pg_temp.lapak_stock_deltas) then
    return;
  end if;
  perform 1 from public.stock_levels s
  join (select distinct d.tenant_id, d.product_id, d.location_id from pg_temp.lapak_stock_deltas d) d
    on s.tenant_id = d.tenant_id and s.product_id = d.product_id and s.location_id = d.location_id
  order by s.product_id, s.location_id
  for no key update of s;

  with changed as (
    update public.stock_levels s set quantity = s.quantity + d.delta
    from (select x.tenant_id, x.product_id, x.location_id, sum(x.delta)::bigint as delta
          from pg_temp.lapak_stock_deltas x group by x.tenant_id, x.product_id, x.location_id) d
    where s.tenant_id = d.tenant_id and s.product_id = d.product_id and s.location_id = d.location_id
    returning s.quantity)
  select bool_or(c.quantity < 0) into negative from changed c;

  if negative then
    -- The level after each queued delta: the final level minus the deltas that came after it.
    for r in
      select x.* from (
        select d.seq, d.tenant_id, d.product_id, d.location_id, d.delta, d.sale_id, d.device_id, d.receipt_no,
               s.quantity - sum(d.delta) over w_all + sum(d.delta) over w_upto as running
        from pg_temp.lapak_stock_deltas d
        join public.stock_levels s
          on s.tenant_id = d.tenant_id and s.product_id = d.product_id and s.location_id = d.location_id
        window w_all as (partition by d.tenant_id, d.product_id, d.location_id),
               w_upto as (partition by d.tenant_id, d.product_id, d.location_id order by d.seq)) x
      where x.delta < 0 and x.running < 0 and x.sale_id is not null
      order by x.product_id, x.location_id, x.seq
    loop
      perform app.note_negative_stock(r.tenant_id, r.product_id, r.location_id, r.running::bigint, r.sale_id,
                                      r.device_id, r.receipt_no);
    end loop;
  end if;
  delete from pg_temp.lapak_stock_deltas;
end
$$;

-- Records the movements and applies them to the levels. Immediate mode returns each touched level
-- after the change, with the net delta applied to it; deferred mode (sales, voids and refunds in
-- sync_push) returns nothing and leaves the levels to app.flush_stock.
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
begin
  if deferred then
    -- Level rows must exist for the movements' foreign key; existing ones are found by a plain
    -- read that never waits on the transactions updating them.
    insert into public.stock_levels (tenant_id, product_id, location_id)
    select distinct tenant, m.product_id, m.location_id from unnest(moves) m
    where not exists (select 1 from public.stock_levels s
                      where s.tenant_id = tenant and s.product_id = m.product_id and s.location_id = m.location_id)
    order by 2, 3
    on conflict on constraint stock_levels_tenant_id_product_id_location_id_key do nothing;
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

-- A sale left a level below zero: open (or add to) the negative_stock alert for that product and
-- location, naming the sales and devices involved. The level row lock is held, so updates to the
-- open alert are serialized by it.
create or replace function app.note_negative_stock(tenant uuid, product uuid, location uuid,
  level bigint, sale uuid, device uuid, receipt_no text)
returns void language plpgsql as $$
begin
  insert into public.alerts as a (tenant_id, kind, product_id, location_id, sale_id, device_id, payload)
  values (tenant, 'negative_stock', product, location, sale, device,
          jsonb_build_object('quantity', level,
                             'sales', jsonb_build_array(jsonb_build_object(
                               'sale_id', sale, 'receipt_no', receipt_no, 'device_id', device, 'quantity', level))))
  on conflict (tenant_id, product_id, location_id) where kind = 'negative_stock' and resolved_at is null
  do update set
    occurrences = a.occurrences + 1,
    sale_id = excluded.sale_id,
    device_id = excluded.device_id,
    -- The latest 50 sales are enough to investigate; the count says how many there were.
    payload = jsonb_build_object(
      'quantity', level,
      'sales', (select coalesce(jsonb_agg(e.v order by e.n), '[]')
                from (select v, n from jsonb_array_elements(coalesce(a.payload -> 'sales', '[]'))
                                      with ordinality as x(v, n)
                      order by n desc limit 49) e)
               || jsonb_build_array(jsonb_build_object('sale_id', sale, 'receipt_no', receipt_no,
                                                       'device_id', device, 'quantity', level)));
end
$$;

-- Back-office moves honour the tenant's strict mode: with allow_negative_stock off, a decrease
-- may not take a level below zero.
create or replace function app.check_strict_stock(tenant uuid, levels jsonb) returns void
language plpgsql as $$
declare
  bad jsonb;
begin
  if (select t.allow_negative_stock from public.tenants t where t.id = tenant) then return; end if;
  select e into bad from jsonb_array_elements(levels) e
  where (e ->> 'delta')::bigint < 0 and (e ->> 'quantity')::bigint < 0 limit 1;
  if bad is not null then
    perform app.fail('insufficient_stock', 'not enough stock for this move', bad);
  end if;
end
$$;

revoke all on all functions in schema app from public;
