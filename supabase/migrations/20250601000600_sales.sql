-- Sales and refunds as the till recorded them: prices, names and tax snapshotted per line, totals
-- recomputed by the server (app.compute_totals) and stored. Append-only: nothing here is updated
-- through the API; voids and payment confirmations go through RPCs.
--
-- Foreign keys are composite (tenant_id, …) so no row can point into another tenant. These are the
-- highest-volume tables, written by many tills at once, and every foreign-key check share-locks the
-- parent row; so each keeps the checks that carry the tenant and drops the redundant ones (the
-- tenant itself is implied by any composite key; outlet and location are checked together).

create table public.sales (
  id uuid primary key,
  tenant_id uuid not null,
  outlet_id uuid not null,
  location_id uuid not null,
  device_id uuid not null,
  shift_id uuid,
  customer_id uuid,
  staff_id uuid not null,
  approver_staff_id uuid,
  -- <outlet>-<device>-<counter>, issued offline by the till (src/lib/receipt-number.ts).
  receipt_no text not null check (receipt_no ~ '^[A-Z0-9]{2,8}-[A-Z0-9]{2,8}-([0-9]{6}|[1-9][0-9]{6,15})$'),
  status text not null default 'completed' check (status in ('completed', 'voided')),
  catalog_version bigint not null check (catalog_version >= 0),
  tax_mode text not null check (tax_mode in ('inclusive', 'exclusive')),
  cash_rounding_step integer not null check (cash_rounding_step >= 0),
  order_discount jsonb,
  subtotal bigint not null check (subtotal >= 0),
  line_discount_total bigint not null check (line_discount_total >= 0),
  order_discount_total bigint not null check (order_discount_total >= 0),
  net_total bigint not null check (net_total >= 0),
  tax_total bigint not null check (tax_total >= 0),
  total bigint not null check (total >= 0),
  -- What cash rounding added (negative: took); 0 unless every payment was cash.
  rounding bigint not null,
  total_due bigint not null check (total_due >= 0),
  paid_total bigint not null check (paid_total >= 0),
  change_total bigint not null check (change_total >= 0),
  tax_breakdown jsonb not null default '[]',
  completed_at timestamptz not null,
  note text check (length(note) <= 1000),
  mutation_id uuid not null,
  voided_at timestamptz,
  void_reason text check (length(void_reason) <= 500),
  void_staff_id uuid,
  void_approver_staff_id uuid,
  void_mutation_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  constraint sales_receipt_no_unique unique (tenant_id, receipt_no),
  -- The location is the outlet's (and both are the tenant's), in one check.
  foreign key (tenant_id, outlet_id, location_id) references public.locations (tenant_id, outlet_id, id),
  foreign key (tenant_id, device_id) references public.devices (tenant_id, id),
  foreign key (tenant_id, shift_id) references public.shifts (tenant_id, id),
  foreign key (tenant_id, customer_id) references public.customers (tenant_id, id),
  foreign key (tenant_id, staff_id) references public.staff (tenant_id, id),
  foreign key (tenant_id, approver_staff_id) references public.staff (tenant_id, id),
  foreign key (tenant_id, void_staff_id) references public.staff (tenant_id, id),
  foreign key (tenant_id, void_approver_staff_id) references public.staff (tenant_id, id),
  check (total_due = total + rounding),
  check (paid_total = total_due),
  check ((status = 'voided') = (voided_at is not null))
);
create index sales_tenant_created_idx on public.sales (tenant_id, created_at desc);
create index sales_outlet_created_idx on public.sales (tenant_id, outlet_id, created_at desc);
create index sales_shift_idx on public.sales (shift_id) where shift_id is not null;
create index sales_customer_idx on public.sales (tenant_id, customer_id) where customer_id is not null;
create trigger t30_touch before update on public.sales for each row execute function app.touch();

create table public.sale_items (
  id uuid not null,
  tenant_id uuid not null,
  sale_id uuid not null,
  line_no integer not null check (line_no >= 1),
  product_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  sku text check (length(sku) <= 40),
  quantity bigint not null check (quantity > 0),
  unit_price bigint not null check (unit_price >= 0),
  -- The catalog's price and tax at the sale's catalog version (null if the product had none).
  catalog_price bigint,
  catalog_tax_rate_bp integer,
  tax_rate_bp integer not null check (tax_rate_bp between 0 and 10000),
  discount jsonb,
  price_override boolean not null default false,
  gross bigint not null check (gross >= 0),
  line_discount bigint not null check (line_discount >= 0),
  order_discount bigint not null check (order_discount >= 0),
  net bigint not null check (net >= 0),
  tax bigint not null check (tax >= 0),
  total bigint not null check (total >= 0),
  note text check (length(note) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Lines are only ever reached through their tenant (foreign keys, RLS), so the composite key is
  -- the primary key and a line costs one index less to write.
  primary key (tenant_id, id),
  unique (sale_id, line_no),
  foreign key (tenant_id, sale_id) references public.sales (tenant_id, id) on delete cascade,
  foreign key (tenant_id, product_id) references public.products (tenant_id, id),
  check (net + tax = total),
  check (line_discount + order_discount <= gross)
);
-- (sale_id, line_no) serves lookups by sale. Sales by product are a report over a date range,
-- served from sales(tenant_id, created_at); no per-product index taxes every line written.

create table public.refunds (
  id uuid primary key,
  tenant_id uuid not null,
  sale_id uuid not null,
  outlet_id uuid not null,
  location_id uuid not null,
  device_id uuid not null,
  shift_id uuid,
  staff_id uuid not null,
  approver_staff_id uuid,
  reason text not null check (length(btrim(reason)) between 1 and 500),
  total bigint not null check (total >= 0),
  tax_total bigint not null check (tax_total >= 0),
  rounding bigint not null,
  total_due bigint not null check (total_due >= 0),
  refunded_at timestamptz not null,
  mutation_id uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, sale_id) references public.sales (tenant_id, id) on delete cascade,
  foreign key (tenant_id, outlet_id, location_id) references public.locations (tenant_id, outlet_id, id),
  foreign key (tenant_id, device_id) references public.devices (tenant_id, id),
  foreign key (tenant_id, shift_id) references public.shifts (tenant_id, id),
  foreign key (tenant_id, staff_id) references public.staff (tenant_id, id),
  foreign key (tenant_id, approver_staff_id) references public.staff (tenant_id, id),
  check (total_due = total + rounding)
);
create index refunds_sale_idx on public.refunds (sale_id);
create index refunds_tenant_created_idx on public.refunds (tenant_id, created_at desc);
create index refunds_outlet_created_idx on public.refunds (tenant_id, outlet_id, created_at desc);
create trigger t30_touch before update on public.refunds for each row execute function app.touch();

create table public.refund_items (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  refund_id uuid not null,
  sale_item_id uuid not null,
  product_id uuid not null,
  quantity bigint not null check (quantity > 0),
  amount bigint not null check (amount >= 0),
  tax bigint not null check (tax >= 0),
  restock boolean not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (refund_id, sale_item_id),
  foreign key (tenant_id, refund_id) references public.refunds (tenant_id, id) on delete cascade,
  foreign key (tenant_id, sale_item_id) references public.sale_items (tenant_id, id),
  foreign key (tenant_id, product_id) references public.products (tenant_id, id)
);
create index refund_items_sale_item_idx on public.refund_items (sale_item_id);

-- Money in (a sale's tender) and money out (a refund's payout: refund_id set).
create table public.payments (
  id uuid primary key,
  tenant_id uuid not null,
  sale_id uuid not null,
  refund_id uuid,
  method text not null check (method in ('cash', 'qris', 'ewallet', 'card', 'transfer')),
  -- The part of the amount due this payment settles.
  amount bigint not null check (amount between 1 and 9007199254740991),
  -- Cash only: what was handed over, and what went back.
  tendered bigint check (tendered between 1 and 9007199254740991),
  change bigint not null default 0 check (change >= 0),
  external_reference text check (length(external_reference) <= 200),
  status text not null check (status in ('pending', 'confirmed', 'failed', 'refunded')),
  confirmed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (tenant_id, sale_id) references public.sales (tenant_id, id) on delete cascade,
  foreign key (tenant_id, refund_id) references public.refunds (tenant_id, id) on delete cascade,
  check (tendered is null or (method = 'cash' and tendered >= amount)),
  check (change = coalesce(tendered, amount) - amount)
);
create index payments_sale_idx on public.payments (sale_id);
create index payments_refund_idx on public.payments (refund_id) where refund_id is not null;
create index payments_pending_idx on public.payments (tenant_id, created_at) where status = 'pending';
create trigger t30_touch before update on public.payments for each row execute function app.touch();
