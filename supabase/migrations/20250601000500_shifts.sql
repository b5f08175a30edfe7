-- Shifts: a till opens with a float, moves cash in and out with reasons, and closes with a blind
-- count; the server computes what the drawer should hold and stores the variance.

create table public.shifts (
  id uuid primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  outlet_id uuid not null,
  device_id uuid not null,
  opened_by_staff_id uuid not null,
  opening_float bigint not null check (opening_float between 0 and 9007199254740991),
  opened_at timestamptz not null,
  closed_by_staff_id uuid,
  closed_at timestamptz,
  counted_cash bigint check (counted_cash between 0 and 9007199254740991),
  expected_cash bigint,
  variance bigint,
  note text check (length(note) <= 1000),
  open_mutation_id uuid not null,
  close_mutation_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, outlet_id) references public.outlets (tenant_id, id),
  foreign key (tenant_id, device_id) references public.devices (tenant_id, id),
  foreign key (tenant_id, opened_by_staff_id) references public.staff (tenant_id, id),
  foreign key (tenant_id, closed_by_staff_id) references public.staff (tenant_id, id),
  -- A closed shift has its whole closing record; an open one has none of it.
  check ((closed_at is null) = (counted_cash is null)
     and (closed_at is null) = (expected_cash is null)
     and (closed_at is null) = (closed_by_staff_id is null)
     and (variance is not distinct from counted_cash - expected_cash))
);
-- One open shift per till at a time.
create unique index shifts_one_open_per_device on public.shifts (device_id) where closed_at is null;
create index shifts_tenant_opened_idx on public.shifts (tenant_id, opened_at desc);
create trigger t30_touch before update on public.shifts for each row execute function app.touch();

create table public.cash_movements (
  id uuid primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  shift_id uuid not null,
  device_id uuid not null,
  staff_id uuid not null,
  kind text not null check (kind in ('in', 'out')),
  amount bigint not null check (amount between 1 and 9007199254740991),
  reason text not null check (length(btrim(reason)) between 1 and 200),
  occurred_at timestamptz not null,
  mutation_id uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (tenant_id, shift_id) references public.shifts (tenant_id, id),
  foreign key (tenant_id, device_id) references public.devices (tenant_id, id),
  foreign key (tenant_id, staff_id) references public.staff (tenant_id, id)
);
create index cash_movements_shift_idx on public.cash_movements (shift_id);
