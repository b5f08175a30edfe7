-- Tenancy lives in data, not in JWT claims: memberships(user_id, tenant_id, role). Every policy
-- asks app.tenant_id() / app.role(), which read these tables.

create table public.tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 120),
  currency text not null default 'IDR' check (currency ~ '^[A-Z]{3}$'),
  -- Minor-unit exponent as the tenant quotes prices: IDR is 0 (whole rupiah), not ISO's 2.
  currency_exponent smallint not null default 0 check (currency_exponent between 0 and 4),
  timezone text not null default 'Asia/Jakarta' check (length(timezone) between 1 and 64),
  tax_mode text not null default 'inclusive' check (tax_mode in ('inclusive', 'exclusive')),
  -- 0 = no cash rounding; otherwise all-cash sales are due rounded to this step (half up).
  cash_rounding_step integer not null default 0 check (cash_rounding_step >= 0),
  receipt_header text check (length(receipt_header) <= 1000),
  receipt_footer text check (length(receipt_footer) <= 1000),
  -- Offline sales are always accepted; this governs back-office moves (adjust, transfer).
  allow_negative_stock boolean not null default true,
  version integer not null default 1,
  deleted_at timestamptz,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
select app.install_row_triggers('public.tenants', versioned => true, synced => true);

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'manager', 'supervisor', 'cashier', 'device')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, tenant_id)
);
create index memberships_tenant_idx on public.memberships (tenant_id, role);
select app.install_row_triggers('public.memberships', versioned => false, synced => false);

create table public.profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  active_tenant_id uuid references public.tenants (id) on delete set null,
  display_name text check (length(display_name) <= 120),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger t30_touch before update on public.profiles for each row execute function app.touch();

-- ---------------------------------------------------------------------------------------------
-- Who is asking. security definer: these read memberships/profiles, whose own policies call them
-- (without definer rights that would recurse). Policies use them as `(select app.tenant_id())` so
-- they run once per statement, not once per row. PL/pgSQL rather than SQL: a SQL function that
-- cannot be inlined is parsed and planned again on every call (PostgreSQL 15), while PL/pgSQL
-- keeps its plans for the session — the same reason the other per-request helpers are PL/pgSQL.

-- The caller's active tenant: profiles.active_tenant_id if the caller is still a member there,
-- else their oldest membership. Null for anon and for users without a membership.
create or replace function app.tenant_id() returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select m.tenant_id
          from public.memberships m
          left join public.profiles p on p.user_id = m.user_id
          where m.user_id = auth.uid()
          order by (m.tenant_id = p.active_tenant_id) desc nulls last, m.created_at, m.tenant_id
          limit 1);
end
$$;

-- The caller's membership role in the active tenant.
create or replace function app.role() returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select m.role from public.memberships m
          where m.user_id = auth.uid() and m.tenant_id = app.tenant_id());
end
$$;

create or replace function app.has_role(variadic roles text[]) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce(app.role() = any (roles), false);
end
$$;

create or replace function app.is_member(tenant uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.memberships m where m.user_id = auth.uid() and m.tenant_id = tenant);
end
$$;

-- Currency minor-unit exponents the product knows; any other ISO code defaults to 2.
create or replace function app.currency_exponent(code text) returns smallint
language sql immutable as $$
  select case code when 'IDR' then 0 when 'JPY' then 0 when 'KRW' then 0 when 'VND' then 0
                   else 2 end::smallint
$$;

revoke all on all functions in schema app from public;
grant execute on function app.tenant_id(), app.role(), app.has_role(text[]), app.is_member(uuid)
  to authenticated, service_role;
