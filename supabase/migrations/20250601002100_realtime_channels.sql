-- Realtime for tills: the master data they sell by, live, and the private channel on which each
-- till announces itself to its tenant's managers.

-- Tills apply changes to products, staff and the tenant's settings as they happen (until now a
-- nudge to pull); categories, roles, outlets and locations join them so a renamed category, a
-- retired role or an outlet's new name reach the till the same way. Delivery respects RLS: every
-- member of the tenant may read these rows, no one else. Role permissions and PIN hashes stay
-- unpublished: a change to them re-sends the role or staff row (the touch triggers), and the till
-- pulls for the embedded data.
alter publication supabase_realtime add table public.categories, public.roles, public.outlets,
  public.locations;

-- Private channels are authorized by RLS on realtime.messages (hosted Realtime, and the local
-- stack alike): a select policy lets a user join and receive, an insert policy lets a user send
-- and track presence. `tenant:<tenant id>:tills` belongs to the members of that tenant — its
-- paired tills (role device) and the people who sign in for it — and to no one else.
-- app.tenant_id() is the caller's active tenant, read from memberships, never from JWT claims.
create policy "members receive their tenant's tills channel" on realtime.messages
  for select to authenticated
  using (
    extension in ('presence', 'broadcast')
    and realtime.topic() = 'tenant:' || (select app.tenant_id())::text || ':tills'
  );

create policy "members send on their tenant's tills channel" on realtime.messages
  for insert to authenticated
  with check (
    extension in ('presence', 'broadcast')
    and realtime.topic() = 'tenant:' || (select app.tenant_id())::text || ':tills'
  );
