-- Audit triggers on master data, the tables Realtime publishes, and the last word on function
-- privileges.

create trigger t90_audit after insert or update or delete on public.tenants
  for each row execute function app.audit_row();
create trigger t90_audit after insert or update or delete on public.memberships
  for each row execute function app.audit_row();
create trigger t90_audit after insert or update or delete on public.outlets
  for each row execute function app.audit_row();
create trigger t90_audit after insert or update or delete on public.locations
  for each row execute function app.audit_row();
-- Devices are audited by the RPCs that change them (register, claim, revoke); a row trigger
-- would fire on every push just to find telemetry changes.
create trigger t90_audit after insert or update or delete on public.roles
  for each row execute function app.audit_row();
create trigger t90_audit after insert or update or delete on public.role_permissions
  for each row execute function app.audit_row();
create trigger t90_audit after insert or update or delete on public.staff
  for each row execute function app.audit_row();
create trigger t90_audit after insert or update or delete on public.staff_pins
  for each row execute function app.audit_row();
create trigger t90_audit after insert or update or delete on public.categories
  for each row execute function app.audit_row();
create trigger t90_audit after insert or update or delete on public.products
  for each row execute function app.audit_row();
create trigger t90_audit after insert or update or delete on public.customers
  for each row execute function app.audit_row();

-- Live views for managers (sales as they land, alerts) and a nudge for tills to pull when the
-- catalog or staff change. Realtime delivers a change only to subscribers whose RLS lets them see
-- the row. Stock levels and device telemetry change with every sale and push; tills get levels
-- by pulling, and managers read them on demand, so they are not published.
alter publication supabase_realtime add table public.sales, public.alerts, public.products,
  public.staff, public.tenants;

-- Trigger functions run as the user whose statement fired them and call these helpers, so the
-- API roles need to execute them. None of them reads or writes data on its own.
grant execute on function app.fail(text, text, jsonb), app.deny(text, text), app.retry(text, text)
  to authenticated, service_role;
