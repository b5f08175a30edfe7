-- Catalog: categories, products, the per-tenant catalog version and the price history that lets
-- the server tell what a product cost at the catalog version a till sold it at. Also customers.

create table public.categories (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  parent_id uuid,
  name text not null check (length(btrim(name)) between 1 and 80),
  sort_order integer not null default 0,
  version integer not null default 1,
  deleted_at timestamptz,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  -- The parent is in the same tenant.
  foreign key (tenant_id, parent_id) references public.categories (tenant_id, id),
  check (parent_id is distinct from id)
);
create index categories_sync_idx on public.categories (tenant_id, txid, id);
create index categories_parent_idx on public.categories (tenant_id, parent_id);
select app.install_row_triggers('public.categories', versioned => true, synced => true);

-- The category tree stays a tree: a node may not become its own ancestor.
create or replace function app.category_no_cycle() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.parent_id is not null and exists (
    with recursive up as (
      select c.id, c.parent_id, 1 as depth from public.categories c where c.id = new.parent_id
      union all
      select c.id, c.parent_id, up.depth + 1 from public.categories c join up on c.id = up.parent_id
      where up.depth < 100)
    select 1 from up where up.id = new.id) then
    perform app.fail('category_cycle', 'a category cannot be its own ancestor');
  end if;
  return new;
end
$$;
create trigger t05_no_cycle before insert or update of parent_id on public.categories
  for each row execute function app.category_no_cycle();

create table public.catalog_versions (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  version bigint not null default 0 check (version >= 0),
  -- The transaction that took `version`: every price change in one transaction shares it.
  bumped_by xid8,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger t30_touch before update on public.catalog_versions for each row execute function app.touch();

create table public.products (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  sku text check (sku ~ '^\S{1,40}$'),
  barcodes text[] not null default '{}'
    check (array_position(barcodes, null) is null and cardinality(barcodes) <= 20),
  name text not null check (length(btrim(name)) between 1 and 200),
  unit text not null default 'pcs' check (length(btrim(unit)) between 1 and 16),
  price bigint not null check (price between 0 and 9007199254740991),
  cost bigint check (cost between 0 and 9007199254740991),
  tax_rate_bp integer not null default 0 check (tax_rate_bp between 0 and 10000),
  category_id uuid,
  active boolean not null default true,
  -- The catalog version at which price or tax last changed (set by trigger).
  catalog_version bigint not null default 0,
  version integer not null default 1,
  deleted_at timestamptz,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, category_id) references public.categories (tenant_id, id)
);
create unique index products_sku_unique on public.products (tenant_id, sku) where deleted_at is null;
create index products_barcodes_idx on public.products using gin (barcodes);
create index products_sync_idx on public.products (tenant_id, txid, id);
create index products_category_idx on public.products (tenant_id, category_id);
select app.install_row_triggers('public.products', versioned => true, synced => true);

create table public.product_price_history (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  product_id uuid not null,
  catalog_version bigint not null,
  price bigint not null check (price between 0 and 9007199254740991),
  tax_rate_bp integer not null check (tax_rate_bp between 0 and 10000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (product_id, catalog_version),
  foreign key (tenant_id, product_id) references public.products (tenant_id, id) on delete cascade
);
create index product_price_history_tenant_idx on public.product_price_history (tenant_id, product_id);

-- Every price or tax change takes a new catalog version (one per transaction) and stamps it on
-- the product; the history row is written after the product exists (its FK needs it).
-- security definer: a manager editing a price through the API may not write either table.
create or replace function app.product_catalog_version() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v bigint;
begin
  if tg_op = 'UPDATE' and new.price = old.price and new.tax_rate_bp = old.tax_rate_bp then
    new.catalog_version := old.catalog_version;
    return new;
  end if;
  insert into public.catalog_versions as cv (tenant_id, version, bumped_by)
  values (new.tenant_id, 1, pg_current_xact_id())
  on conflict (tenant_id) do update
    set version = case when cv.bumped_by = pg_current_xact_id() then cv.version else cv.version + 1 end,
        bumped_by = pg_current_xact_id()
  returning version into v;
  new.catalog_version := v;
  return new;
end
$$;
-- Fires on every update so that catalog_version cannot be written directly either.
create trigger t40_catalog_version before insert or update on public.products
  for each row execute function app.product_catalog_version();

create or replace function app.product_price_history() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.price = old.price and new.tax_rate_bp = old.tax_rate_bp then
    return null;
  end if;
  insert into public.product_price_history (tenant_id, product_id, catalog_version, price, tax_rate_bp)
  values (new.tenant_id, new.id, new.catalog_version, new.price, new.tax_rate_bp)
  on conflict (product_id, catalog_version) do update
    set price = excluded.price, tax_rate_bp = excluded.tax_rate_bp, updated_at = now();
  return null;
end
$$;
create trigger t50_price_history after insert or update of price, tax_rate_bp on public.products
  for each row execute function app.product_price_history();

create table public.customers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 120),
  phone text check (length(phone) <= 40),
  email text check (length(email) <= 254),
  note text check (length(note) <= 1000),
  version integer not null default 1,
  deleted_at timestamptz,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create index customers_sync_idx on public.customers (tenant_id, txid, id);
create index customers_phone_idx on public.customers (tenant_id, phone) where phone is not null;
select app.install_row_triggers('public.customers', versioned => true, synced => true);

revoke all on all functions in schema app from public;
