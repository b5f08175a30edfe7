-- Every stock level update is a non-HOT update (the sync position, txid, is indexed), so each index
-- on stock_levels costs every sale: they are kept to the ones reads need.
--
-- Stock: an append-only ledger of movements and one level per (product, location) that changes
-- only together with a movement, under a row lock (app.apply_stock). Nothing here is writable
-- through the API, not even by owners: levels move only by recorded movements.

create table public.stock_levels (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  product_id uuid not null,
  location_id uuid not null,
  -- May go negative: offline sales are accepted (the goods already left), and flagged.
  quantity bigint not null default 0,
  -- At or below this a product is low on stock (0 = only when out).
  reorder_level bigint not null default 0 check (reorder_level >= 0),
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- One level per (product, location); the tenant leads so that movements can reference it.
  unique (tenant_id, product_id, location_id),
  foreign key (tenant_id, product_id) references public.products (tenant_id, id),
  foreign key (tenant_id, location_id) references public.locations (tenant_id, id)
);
create index stock_levels_sync_idx on public.stock_levels (tenant_id, location_id, txid, id);
create index stock_levels_low_idx on public.stock_levels (tenant_id, location_id, product_id)
  where quantity <= reorder_level;
-- Only the RPCs write levels (the API may set reorder_level alone), so the identity guard other
-- tables carry would only cost a trigger call per sale line.
create trigger t30_touch before update on public.stock_levels
  for each row execute function app.touch_sync();

create table public.stock_movements (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  product_id uuid not null,
  location_id uuid not null,
  kind text not null check (kind in
    ('sale', 'void', 'refund', 'adjustment', 'transfer_out', 'transfer_in', 'receiving', 'count')),
  quantity bigint not null check (quantity <> 0),
  sale_id uuid,
  sale_item_id uuid,
  refund_id uuid,
  -- Groups the two sides of a transfer, or the lines of one adjustment, count or receipt.
  batch_id uuid,
  mutation_id uuid,
  device_id uuid,
  staff_id uuid,
  approver_staff_id uuid,
  created_by uuid,
  reason text check (length(reason) <= 200),
  note text check (length(note) <= 1000),
  reference text check (length(reference) <= 200),
  unit_cost bigint check (unit_cost >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Every movement has its level row (app.apply_stock creates it first, and holds its lock), and
  -- that row carries product and location of this tenant: one check, on a row no one else locks.
  foreign key (tenant_id, product_id, location_id)
    references public.stock_levels (tenant_id, product_id, location_id),
  -- The sale line (sale_id is the line's sale, denormalized by the RPCs for lookups).
  foreign key (tenant_id, sale_item_id) references public.sale_items (tenant_id, id),
  foreign key (tenant_id, refund_id) references public.refunds (tenant_id, id),
  -- device_id, staff_id, approver_staff_id and created_by record who moved stock; the sale or
  -- RPC that wrote the movement checked them, and they are kept even if that row goes.
  check (kind not in ('sale', 'void', 'refund') or (sale_id is not null and sale_item_id is not null)),
  -- The sign follows the kind; only adjustments and counts go either way.
  check (case kind
           when 'sale' then quantity < 0 and sale_id is not null
           when 'transfer_out' then quantity < 0 and batch_id is not null
           when 'void' then quantity > 0 and sale_id is not null
           when 'refund' then quantity > 0 and refund_id is not null
           when 'transfer_in' then quantity > 0 and batch_id is not null
           when 'receiving' then quantity > 0
           else true end),
  check (kind not in ('adjustment', 'count') or reason is not null)
);
create index stock_movements_product_idx on public.stock_movements (product_id, location_id, created_at);
-- No tenant-wide time index: a movement is written for every sale line, and the history pages
-- read by product and location (above) or by batch (below).
create index stock_movements_batch_idx on public.stock_movements (batch_id) where batch_id is not null;
