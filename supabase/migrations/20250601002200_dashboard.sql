-- The manager's live dashboard: today's figures, the recent sales feed and the sales behind an
-- alert, computed where the rows are. Every function here is security invoker: it reads through
-- the caller's RLS (owners, managers and supervisors read sales, payments, refunds, devices and
-- alerts of their active tenant), and also filters on app.tenant_id() so the indexes apply.
--
-- "Today" is the calendar day in the tenant's time zone (tenants.timezone), and a sale belongs to
-- the day its till completed it (completed_at), not the day it reached the server: a backlog
-- pushed after midnight still counts for the day it was rung up.

-- Day-range reads by business time; the existing indexes are on server receive time.
create index sales_tenant_completed_idx on public.sales (tenant_id, completed_at);
create index refunds_tenant_refunded_idx on public.refunds (tenant_id, refunded_at);

-- Refunds join the live feed (sales and alerts already are in the publication). Devices stay out:
-- their telemetry changes with every push; the dashboard reads the fleet from presence and
-- refreshes the devices table when a sale lands.
alter publication supabase_realtime add table public.refunds;

-- The dashboard is for people who run the shop: owners, managers and supervisors (DESIGN.md §1).
-- Tills and cashiers can read some of the same rows, so the role is checked, not left to RLS.
create or replace function app.require_dashboard_role() returns uuid
language plpgsql stable as $$
declare
  tenant uuid;
begin
  if auth.uid() is null then
    perform app.deny('not_signed_in', 'sign in to see the dashboard');
  end if;
  tenant := app.tenant_id();
  if tenant is null then
    perform app.deny('not_a_member', 'this account belongs to no shop');
  end if;
  if not app.has_role('owner', 'manager', 'supervisor') then
    perform app.deny('permission_denied', 'only owners, managers and supervisors see the dashboard');
  end if;
  return tenant;
end
$$;

-- The [from, to) instants of one calendar day in a time zone (23 or 25 hours long across a DST
-- change, which Asia/Jakarta does not have but other tenants may).
create or replace function app.day_bounds(day date, tz text, out from_at timestamptz, out to_at timestamptz)
language sql immutable as $$
  select (day::timestamp) at time zone tz, ((day + 1)::timestamp) at time zone tz
$$;

-- Today's KPIs, overall and per outlet, with sales per hour and breakdowns by payment method,
-- cashier and product. `outlet_id` narrows everything but the per-outlet list to one outlet;
-- `day` (default: today in the tenant's zone) lets a manager look back.
create or replace function public.dashboard_summary(outlet_id uuid default null, day date default null,
  top_products integer default 10)
returns jsonb language plpgsql stable security invoker set search_path = '' as $$
declare
  tenant uuid := app.require_dashboard_role();
  t record;
  d date;
  b record;
  result jsonb;
begin
  select x.timezone, x.currency, x.currency_exponent into t from public.tenants x where x.id = tenant;
  if outlet_id is not null and not exists (
    select 1 from public.outlets o where o.id = dashboard_summary.outlet_id and o.tenant_id = tenant) then
    perform app.fail('unknown_outlet', 'no such outlet in this shop');
  end if;
  if top_products is null or top_products not between 1 and 100 then
    perform app.fail('invalid_payload', 'top_products must be between 1 and 100');
  end if;
  d := coalesce(day, (now() at time zone t.timezone)::date);
  select * into b from app.day_bounds(d, t.timezone);

  with day_sales as materialized (
    select s.id, s.outlet_id, s.staff_id, s.total_due, s.status, s.completed_at
    from public.sales s
    where s.tenant_id = tenant and s.completed_at >= b.from_at and s.completed_at < b.to_at
  ),
  done as materialized (
    select * from day_sales where status = 'completed'
  ),
  day_refunds as materialized (
    select r.outlet_id, r.total_due
    from public.refunds r
    where r.tenant_id = tenant and r.refunded_at >= b.from_at and r.refunded_at < b.to_at
  ),
  per_outlet as (
    select o.id, o.code, o.name,
           coalesce((select sum(x.total_due) from done x where x.outlet_id = o.id), 0) as revenue,
           (select count(*) from done x where x.outlet_id = o.id) as transactions,
           (select count(*) from day_sales x where x.outlet_id = o.id and x.status = 'voided') as voided,
           coalesce((select sum(r.total_due) from day_refunds r where r.outlet_id = o.id), 0) as refunds,
           (select count(*) from day_refunds r where r.outlet_id = o.id) as refund_count
    from public.outlets o
    where o.tenant_id = tenant and o.deleted_at is null
  ),
  scope as materialized (
    select * from done x where dashboard_summary.outlet_id is null or x.outlet_id = dashboard_summary.outlet_id
  ),
  scope_refunds as (
    select * from day_refunds r where dashboard_summary.outlet_id is null or r.outlet_id = dashboard_summary.outlet_id
  )
  select jsonb_build_object(
    'day', d,
    'timezone', t.timezone,
    'currency', t.currency,
    'currency_exponent', t.currency_exponent,
    'from', b.from_at,
    'to', b.to_at,
    'outlet_id', dashboard_summary.outlet_id,
    'totals', (
      select jsonb_build_object(
        'revenue', coalesce(sum(x.total_due), 0),
        'transactions', count(*),
        -- Whole minor units, rounded half up: money never becomes a float.
        'average_basket', case when count(*) = 0 then 0
                               else div(sum(x.total_due) * 2 + count(*), count(*) * 2) end,
        'voided', (select count(*) from day_sales v where v.status = 'voided'
                     and (dashboard_summary.outlet_id is null or v.outlet_id = dashboard_summary.outlet_id)),
        'refunds', (select coalesce(sum(r.total_due), 0) from scope_refunds r),
        'refund_count', (select count(*) from scope_refunds r),
        'net_revenue', coalesce(sum(x.total_due), 0) - (select coalesce(sum(r.total_due), 0) from scope_refunds r))
      from scope x),
    'outlets', (
      select coalesce(jsonb_agg(jsonb_build_object(
               'outlet_id', p.id, 'code', p.code, 'name', p.name, 'revenue', p.revenue,
               'transactions', p.transactions,
               'average_basket', case when p.transactions = 0 then 0
                                      else div(p.revenue * 2 + p.transactions, p.transactions * 2) end,
               'voided', p.voided, 'refunds', p.refunds, 'refund_count', p.refund_count)
             order by p.revenue desc, p.code), '[]')
      from per_outlet p),
    'hours', (
      select jsonb_agg(jsonb_build_object('hour', h.h, 'revenue', coalesce(a.revenue, 0),
                                          'transactions', coalesce(a.n, 0)) order by h.h)
      from generate_series(0, 23) h(h)
      left join (select extract(hour from x.completed_at at time zone t.timezone)::int as h,
                        sum(x.total_due) as revenue, count(*) as n
                 from scope x group by 1) a on a.h = h.h),
    'payments', (
      select coalesce(jsonb_agg(jsonb_build_object('method', m.method, 'amount', m.amount, 'count', m.n)
                                order by m.amount desc, m.method), '[]')
      from (select p.method, sum(p.amount) as amount, count(*) as n
            from public.payments p
            join scope x on x.id = p.sale_id
            where p.tenant_id = tenant and p.refund_id is null and p.status <> 'failed'
            group by p.method) m),
    'cashiers', (
      select coalesce(jsonb_agg(jsonb_build_object('staff_id', c.staff_id, 'name', st.name,
                                                   'revenue', c.revenue, 'transactions', c.n)
                                order by c.revenue desc, st.name), '[]')
      from (select x.staff_id, sum(x.total_due) as revenue, count(*) as n from scope x group by x.staff_id) c
      left join public.staff st on st.id = c.staff_id and st.tenant_id = tenant),
    'products', (
      select coalesce(jsonb_agg(jsonb_build_object('product_id', p.product_id, 'name', p.name,
                                                   'quantity', p.quantity, 'revenue', p.revenue)
                                order by p.revenue desc, p.quantity desc, p.name), '[]')
      from (select i.product_id, max(i.name) as name, sum(i.quantity) as quantity, sum(i.total) as revenue
            from public.sale_items i
            join scope x on x.id = i.sale_id
            where i.tenant_id = tenant
            group by i.product_id
            order by sum(i.total) desc, sum(i.quantity) desc, max(i.name)
            limit top_products) p)
  ) into result;
  return result;
end
$$;

-- The latest sales of the day for the live feed: who sold, on which till, and how long the sale
-- took to reach the server (created_at is when the server stored it, completed_at the till's
-- clock when the cashier finished it).
create or replace function public.dashboard_sales(outlet_id uuid default null, max_rows integer default 50,
  day date default null)
returns table (sale_id uuid, receipt_no text, outlet_code text, device_id uuid,
  device_name text, device_code text, staff_id uuid, staff_name text, status text, total_due bigint,
  item_count bigint, methods text[], completed_at timestamptz, received_at timestamptz, latency_ms bigint)
language plpgsql stable security invoker set search_path = '' as $$
declare
  tenant uuid := app.require_dashboard_role();
  tz text;
  b record;
begin
  if max_rows is null or max_rows not between 1 and 500 then
    perform app.fail('invalid_payload', 'max_rows must be between 1 and 500');
  end if;
  select x.timezone into tz from public.tenants x where x.id = tenant;
  select * into b from app.day_bounds(coalesce(day, (now() at time zone tz)::date), tz);
  return query
  select s.id, s.receipt_no, o.code, s.device_id, dv.name, dv.device_code, s.staff_id, st.name,
         s.status, s.total_due,
         (select coalesce(sum(i.quantity), 0)::bigint from public.sale_items i where i.sale_id = s.id),
         (select coalesce(array_agg(distinct p.method order by p.method), '{}') from public.payments p
           where p.sale_id = s.id and p.refund_id is null),
         s.completed_at, s.created_at,
         greatest(0, floor(extract(epoch from (s.created_at - s.completed_at)) * 1000)::bigint)
  from public.sales s
  left join public.outlets o on o.id = s.outlet_id
  left join public.devices dv on dv.id = s.device_id
  left join public.staff st on st.id = s.staff_id
  where s.tenant_id = tenant
    and s.completed_at >= b.from_at and s.completed_at < b.to_at
    and (dashboard_sales.outlet_id is null or s.outlet_id = dashboard_sales.outlet_id)
  order by s.created_at desc, s.id
  limit max_rows;
end
$$;

-- One alert with what is behind it: the sales it names (a negative-stock alert gathers up to 50,
-- a price mismatch names one) and, for a rejected sync mutation, the mutation as the till sent it
-- with the server's reason.
create or replace function public.dashboard_alert(alert_id uuid)
returns jsonb language plpgsql stable security invoker set search_path = '' as $$
declare
  tenant uuid := app.require_dashboard_role();
  a public.alerts;
  sale_ids uuid[];
begin
  select * into a from public.alerts x where x.id = alert_id and x.tenant_id = tenant;
  if not found then
    perform app.fail('unknown_alert', 'no such alert in this shop');
  end if;
  sale_ids := array(
    select distinct v.id from (
      select a.sale_id as id
      union all
      select (e ->> 'sale_id')::uuid
      from jsonb_array_elements(case when jsonb_typeof(a.payload -> 'sales') = 'array'
                                     then a.payload -> 'sales' else '[]' end) e) v
    where v.id is not null);
  return jsonb_build_object(
    'alert', to_jsonb(a),
    'product', (select jsonb_build_object('id', p.id, 'name', p.name, 'sku', p.sku)
                from public.products p where p.id = a.product_id and p.tenant_id = tenant),
    'location', (select jsonb_build_object('id', l.id, 'code', l.code, 'name', l.name)
                 from public.locations l where l.id = a.location_id and l.tenant_id = tenant),
    'device', (select jsonb_build_object('id', dv.id, 'name', dv.name, 'device_code', dv.device_code)
               from public.devices dv where dv.id = a.device_id and dv.tenant_id = tenant),
    'mutation', (select jsonb_build_object('id', m.id, 'kind', m.kind, 'code', m.code, 'message', m.message,
                                           'device_seq', m.device_seq, 'device_created_at', m.device_created_at,
                                           'staff_name', st.name, 'payload', m.payload)
                 from public.sync_mutations m
                 -- A rejected mutation's staff is only in what the till sent (it may not exist).
                 left join public.staff st on st.tenant_id = tenant and st.id = coalesce(m.staff_id,
                   case when a.payload ->> 'staff_id' ~ '^[0-9a-fA-F-]{36}$' then (a.payload ->> 'staff_id')::uuid end)
                 where m.tenant_id = tenant and m.id = a.mutation_id),
    'sales', (
      select coalesce(jsonb_agg(jsonb_build_object(
               'sale_id', s.id, 'receipt_no', s.receipt_no, 'status', s.status, 'total_due', s.total_due,
               'completed_at', s.completed_at, 'received_at', s.created_at,
               'device_name', dv.name, 'device_code', dv.device_code, 'staff_name', st.name,
               'items', (select coalesce(jsonb_agg(jsonb_build_object(
                                  'name', i.name, 'quantity', i.quantity, 'unit_price', i.unit_price,
                                  'catalog_price', i.catalog_price, 'total', i.total) order by i.line_no), '[]')
                         from public.sale_items i where i.sale_id = s.id))
             order by s.completed_at desc), '[]')
      from public.sales s
      left join public.devices dv on dv.id = s.device_id
      left join public.staff st on st.id = s.staff_id
      where s.tenant_id = tenant and s.id = any (sale_ids)));
end
$$;

revoke all on function app.require_dashboard_role(), app.day_bounds(date, text) from public;
grant execute on function app.require_dashboard_role(), app.day_bounds(date, text) to authenticated;
revoke all on function public.dashboard_summary(uuid, date, integer), public.dashboard_sales(uuid, integer, date),
  public.dashboard_alert(uuid) from public, anon;
grant execute on function public.dashboard_summary(uuid, date, integer), public.dashboard_sales(uuid, integer, date),
  public.dashboard_alert(uuid) to authenticated;
