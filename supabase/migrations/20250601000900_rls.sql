-- Row level security on every table in public, and table privileges that match the policies, so
-- an operation nobody may perform fails loudly (42501) instead of silently matching no rows.
--
-- Who may do what (T = the row is in the caller's active tenant):
--   anon ........................ nothing at all
--   every member ................ read T's settings, outlets, locations, catalog, roles, staff
--                                 (without PINs), customers and stock levels
--   owner, manager .............. + read everything in T; edit master data (with `version`)
--   supervisor .................. + read sales, stock movements, shifts, devices, sync log, alerts
--   device (a paired till) ...... + read PIN hashes, its own device row, shifts and sync log, and
--                                 its outlet's sales of the last 30 days; writes only via RPCs
-- Sales, payments, stock and the audit log are never written through the API, by anyone.

alter table public.tenants enable row level security;
alter table public.memberships enable row level security;
alter table public.profiles enable row level security;
alter table public.outlets enable row level security;
alter table public.locations enable row level security;
alter table public.devices enable row level security;
alter table public.roles enable row level security;
alter table public.role_permissions enable row level security;
alter table public.staff enable row level security;
alter table public.staff_pins enable row level security;
alter table public.categories enable row level security;
alter table public.catalog_versions enable row level security;
alter table public.products enable row level security;
alter table public.product_price_history enable row level security;
alter table public.customers enable row level security;
alter table public.shifts enable row level security;
alter table public.cash_movements enable row level security;
alter table public.sales enable row level security;
alter table public.sale_items enable row level security;
alter table public.refunds enable row level security;
alter table public.refund_items enable row level security;
alter table public.payments enable row level security;
alter table public.stock_levels enable row level security;
alter table public.stock_movements enable row level security;
alter table public.sync_mutations enable row level security;
alter table public.alerts enable row level security;
alter table public.audit_log enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Tenancy

create policy "members read their tenant" on public.tenants for select to authenticated
  using (id = (select app.tenant_id()));
create policy "managers update tenant settings" on public.tenants for update to authenticated
  using (id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "users read their own memberships" on public.memberships for select to authenticated
  using (user_id = (select auth.uid()));
create policy "managers read tenant memberships" on public.memberships for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
-- Owners manage people, but never their own membership (a tenant must keep an owner) nor tills'.
create policy "owners change other members' roles" on public.memberships for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner'))
         and user_id <> (select auth.uid()) and role <> 'device')
  with check (tenant_id = (select app.tenant_id()) and role <> 'device');
create policy "owners remove other members" on public.memberships for delete to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner'))
         and user_id <> (select auth.uid()) and role <> 'device');

create policy "users read their own profile" on public.profiles for select to authenticated
  using (user_id = (select auth.uid()));
create policy "users create their own profile" on public.profiles for insert to authenticated
  with check (user_id = (select auth.uid())
              and (active_tenant_id is null or app.is_member(active_tenant_id)));
create policy "users update their own profile" on public.profiles for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid())
              and (active_tenant_id is null or app.is_member(active_tenant_id)));

-- ---------------------------------------------------------------------------------------------
-- Master data every member reads and owners/managers edit. Deletion is a soft delete (deleted_at
-- through an update), so tills receive it as a tombstone; there are no delete policies.

create policy "members read outlets" on public.outlets for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "managers create outlets" on public.outlets for insert to authenticated
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
create policy "managers update outlets" on public.outlets for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "members read locations" on public.locations for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "managers create locations" on public.locations for insert to authenticated
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
create policy "managers update locations" on public.locations for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "members read roles" on public.roles for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "managers create roles" on public.roles for insert to authenticated
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')) and key is null);
create policy "managers update roles" on public.roles for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "members read role permissions" on public.role_permissions for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "managers grant permissions" on public.role_permissions for insert to authenticated
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
create policy "managers revoke permissions" on public.role_permissions for delete to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "members read staff" on public.staff for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "managers create staff" on public.staff for insert to authenticated
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
create policy "managers update staff" on public.staff for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "managers and tills read PIN hashes" on public.staff_pins for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'device')));
create policy "managers set PINs" on public.staff_pins for insert to authenticated
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
create policy "managers change PINs" on public.staff_pins for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "members read categories" on public.categories for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "managers create categories" on public.categories for insert to authenticated
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
create policy "managers update categories" on public.categories for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "members read products" on public.products for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "managers create products" on public.products for insert to authenticated
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
create policy "managers update products" on public.products for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "members read the catalog version" on public.catalog_versions for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "members read price history" on public.product_price_history for select to authenticated
  using (tenant_id = (select app.tenant_id()));

create policy "members read customers" on public.customers for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "managers create customers" on public.customers for insert to authenticated
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
create policy "managers update customers" on public.customers for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

create policy "supervisors read devices" on public.devices for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "devices read their own row" on public.devices for select to authenticated
  using (id = (select app.device_id()));

-- ---------------------------------------------------------------------------------------------
-- Stock. Levels are readable by every member; only their reorder level is editable (column grant
-- below); quantities change only with a movement, inside the RPCs.

create policy "members read stock levels" on public.stock_levels for select to authenticated
  using (tenant_id = (select app.tenant_id()));
create policy "managers set reorder levels" on public.stock_levels for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));
create policy "supervisors read stock movements" on public.stock_movements for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));

-- ---------------------------------------------------------------------------------------------
-- Sales, refunds, shifts: read-only through the API.

create policy "supervisors read sales" on public.sales for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "devices read their outlet's recent sales" on public.sales for select to authenticated
  using (tenant_id = (select app.tenant_id()) and outlet_id = (select app.device_outlet_id())
         and created_at > now() - interval '30 days');

create policy "supervisors read sale items" on public.sale_items for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "devices read items of their outlet's recent sales" on public.sale_items for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.device_outlet_id()) is not null
         and sale_id in (select s.id from public.sales s where s.outlet_id = (select app.device_outlet_id())
                                                         and s.created_at > now() - interval '30 days'));

create policy "supervisors read payments" on public.payments for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "devices read payments of their outlet's recent sales" on public.payments for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.device_outlet_id()) is not null
         and sale_id in (select s.id from public.sales s where s.outlet_id = (select app.device_outlet_id())
                                                         and s.created_at > now() - interval '30 days'));

create policy "supervisors read refunds" on public.refunds for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "devices read their outlet's recent refunds" on public.refunds for select to authenticated
  using (tenant_id = (select app.tenant_id()) and outlet_id = (select app.device_outlet_id())
         and created_at > now() - interval '30 days');

create policy "supervisors read refund items" on public.refund_items for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "devices read items of their outlet's recent refunds" on public.refund_items for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.device_outlet_id()) is not null
         and refund_id in (select r.id from public.refunds r where r.outlet_id = (select app.device_outlet_id())
                                                            and r.created_at > now() - interval '30 days'));

create policy "supervisors read shifts" on public.shifts for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "devices read their own shifts" on public.shifts for select to authenticated
  using (device_id = (select app.device_id()));

create policy "supervisors read cash movements" on public.cash_movements for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "devices read their own cash movements" on public.cash_movements for select to authenticated
  using (device_id = (select app.device_id()));

-- ---------------------------------------------------------------------------------------------
-- Sync log, alerts, audit.

create policy "supervisors read the sync log" on public.sync_mutations for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "devices read their own sync log" on public.sync_mutations for select to authenticated
  using (device_id = (select app.device_id()));

create policy "supervisors read alerts" on public.alerts for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));
create policy "supervisors resolve alerts" on public.alerts for update to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')))
  with check (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager', 'supervisor')));

create policy "managers read the audit log" on public.audit_log for select to authenticated
  using (tenant_id = (select app.tenant_id()) and (select app.has_role('owner', 'manager')));

-- ---------------------------------------------------------------------------------------------
-- Privileges. Supabase's default privileges grant everything to anon and authenticated; narrow
-- them to what some policy can allow.

revoke all on all tables in schema public from anon, authenticated;
grant select on all tables in schema public to authenticated;
grant insert, update on public.outlets, public.locations, public.roles, public.staff,
  public.staff_pins, public.categories, public.products, public.customers, public.profiles
  to authenticated;
grant update on public.tenants to authenticated;
grant update, delete on public.memberships to authenticated;
grant insert, delete on public.role_permissions to authenticated;
grant update (reorder_level) on public.stock_levels to authenticated;
grant update (resolved_at, resolution_note) on public.alerts to authenticated;

-- Not even the service role rewrites the ledgers: money, stock and history change only through
-- the RPCs (which run as the table owner).
revoke insert, update, delete, truncate on public.sales, public.sale_items, public.payments,
  public.refunds, public.refund_items, public.stock_levels, public.stock_movements,
  public.shifts, public.cash_movements, public.sync_mutations, public.audit_log,
  public.catalog_versions, public.product_price_history
  from service_role;
