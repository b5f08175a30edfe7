-- sync_push(mutations jsonb): the only write path for tills. Exactly-once per mutation id:
--   1. claim the id in sync_mutations (insert … on conflict do nothing; a concurrent push of the
--      same id waits on the first one's row and then sees it committed → `duplicate`);
--   2. apply the mutation inside a subtransaction;
--   3. record the outcome in the same transaction as its effects.
-- `retry` (a dependency is missing, or the database was momentarily busy) stores nothing, so the
-- same id can apply later. `rejected` is stored, so a replay gets the same answer, and raises a
-- rejected_mutation alert for managers.

create or replace function app.apply_mutation(tenant uuid, device uuid, mutation uuid, kind text,
  staff uuid, approver uuid, catalog_version bigint, payload jsonb)
returns jsonb language plpgsql as $$
begin
  perform app.set_actor(staff, approver, device);
  return case kind
    when 'sale.complete' then app.sync_sale_complete(tenant, device, mutation, staff, approver, catalog_version, payload)
    when 'sale.void' then app.sync_sale_void(tenant, device, mutation, staff, approver, payload)
    when 'refund.create' then app.sync_refund_create(tenant, device, mutation, staff, approver, payload)
    when 'stock.adjust' then app.sync_stock_adjust(tenant, device, mutation, staff, approver, payload)
    when 'stock.transfer' then app.sync_stock_transfer(tenant, device, mutation, staff, approver, payload)
    when 'shift.open' then app.sync_shift_open(tenant, device, mutation, staff, approver, payload)
    when 'shift.close' then app.sync_shift_close(tenant, device, mutation, staff, approver, payload)
    when 'cash.move' then app.sync_cash_move(tenant, device, mutation, staff, approver, payload)
    when 'customer.upsert' then app.sync_customer_upsert(tenant, device, mutation, staff, approver, payload)
  end;
end
$$;

create or replace function app.sync_stock_adjust(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, p jsonb)
returns jsonb language plpgsql as $$
begin
  perform app.require_staff(tenant, staff, 'stock.adjust', approver);
  return app.stock_adjust(tenant, p, mutation, device, staff, approver);
end
$$;

create or replace function app.sync_stock_transfer(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, p jsonb)
returns jsonb language plpgsql as $$
begin
  perform app.require_staff(tenant, staff, 'stock.transfer', approver);
  return app.stock_transfer(tenant, p, mutation, device, staff, approver);
end
$$;

-- The outcome of an already-settled mutation, as sync_push reports a replay.
create or replace function app.stored_outcome(tenant uuid, mutation uuid) returns jsonb
language plpgsql stable as $$
begin
  return (select jsonb_strip_nulls(jsonb_build_object('id', m.id, 'status', 'duplicate', 'original_status', m.status,
                                                      'code', m.code, 'message', m.message, 'result', m.result))
          from public.sync_mutations m where m.tenant_id = tenant and m.id = mutation);
end
$$;

-- Errors that say nothing about the mutation itself: try again later.
create or replace function app.is_transient(state text) returns boolean language sql immutable as $$
  select state in ('40001', '40P01', '55P03', '53000', '53100', '53200', '53300', '57P01', '57P02', '57P03')
$$;

create or replace function app.push_one(tenant uuid, device uuid, m jsonb) returns jsonb
language plpgsql as $$
<<fn>>
declare
  mutation uuid;
  kind text;
  seq bigint;
  staff uuid;
  approver uuid;
  cv bigint;
  created timestamptz;
  result jsonb;
  state text;
  msg text;
  hint text;
  detail text;
  cname text;
  code text;
begin
  -- Without a well-formed id there is nothing to key the outcome on: reject without storing.
  if jsonb_typeof(m) <> 'object' or jsonb_typeof(m -> 'id') is distinct from 'string'
     or (m ->> 'id') !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    return jsonb_build_object('id', case when jsonb_typeof(m) = 'object' then m -> 'id' end,
                              'status', 'rejected', 'code', 'invalid_mutation',
                              'message', 'a mutation must be an object with a uuid id');
  end if;
  mutation := (m ->> 'id')::uuid;
  kind := left(coalesce(m ->> 'kind', ''), 40);

  -- What the claim row needs for its indexes is read leniently here, so that the outcome is later
  -- written by an update of unindexed columns only (a cheap in-page update).
  seq := case when jsonb_typeof(m -> 'device_seq') = 'number' and (m ->> 'device_seq') ~ '^\d{1,18}$'
              then (m ->> 'device_seq')::bigint end;

  begin
    insert into public.sync_mutations (tenant_id, id, device_id, device_seq, kind, status)
    values (tenant, mutation, device, seq, kind, 'applied')
    on conflict (tenant_id, id) do nothing;
    if not found then
      return app.stored_outcome(tenant, mutation);
    end if;

    if kind not in ('sale.complete', 'sale.void', 'refund.create', 'stock.adjust', 'stock.transfer',
                    'shift.open', 'shift.close', 'cash.move', 'customer.upsert') then
      perform app.fail('unknown_kind', format('kind %s is not supported', coalesce(m ->> 'kind', 'null')));
    end if;
    perform app.j_int(m, 'device_seq', true, null, 0);
    staff := app.j_uuid(m, 'staff_id', true);
    approver := app.j_uuid(m, 'approver_staff_id', false);
    cv := app.j_int(m, 'catalog_version', true, null, 0);
    created := app.j_ts(m, 'created_at', true);
    if jsonb_typeof(m -> 'payload') is distinct from 'object' then
      perform app.fail('invalid_payload', 'payload must be an object');
    end if;

    result := app.apply_mutation(tenant, device, mutation, kind, staff, approver, cv, m -> 'payload');

    update public.sync_mutations x set staff_id = staff, approver_staff_id = approver,
      catalog_version = cv, device_created_at = created, result = fn.result
    where x.tenant_id = tenant and x.id = mutation;
    return jsonb_build_object('id', mutation, 'status', 'applied', 'result', result);
  exception when others then
    -- The subtransaction is gone: the claim and every effect of this mutation rolled back.
    get stacked diagnostics state = returned_sqlstate, msg = message_text, hint = pg_exception_hint,
                            detail = pg_exception_detail, cname = constraint_name;
  end;

  if state = 'LR001' then
    return jsonb_build_object('id', mutation, 'status', 'retry', 'code', hint,
                              'message', regexp_replace(msg, '^[a-z_]+: ', ''));
  end if;
  if app.is_transient(state) then
    return jsonb_build_object('id', mutation, 'status', 'retry', 'code', 'busy', 'message', msg);
  end if;
  if state in ('P0001', 'PT409') and hint ~ '^[a-z][a-z0-9_]*$' then
    code := hint;
    msg := regexp_replace(msg, '^[a-z_]+: ', '');
  elsif state = '23505' then
    -- A client-generated id or receipt number that is already taken by something else.
    code := case when cname = 'sales_receipt_no_unique' then 'duplicate_receipt_no'
                 when cname = 'shifts_one_open_per_device' then 'shift_already_open'
                 else 'duplicate_id' end;
  elsif state like '22%' then
    -- A value the casts or columns cannot hold (a date out of range, a number too large).
    code := 'invalid_payload';
  else
    -- Anything else (including not-null, check and foreign-key violations, which validation
    -- should have caught) is the server's fault, not the till's: keep the mutation for a later
    -- push rather than reject a sale that happened.
    raise warning 'sync_push: mutation % (%) failed with %: %', mutation, kind, state, msg;
    return jsonb_build_object('id', mutation, 'status', 'retry', 'code', 'server_error', 'message', msg);
  end if;

  begin
    insert into public.sync_mutations (tenant_id, id, device_id, device_seq, kind, staff_id,
      approver_staff_id, catalog_version, device_created_at, status, code, message, payload)
    values (tenant, mutation, device, seq, kind, null, null, null, null, 'rejected', code, msg, m -> 'payload')
    on conflict (tenant_id, id) do nothing;
    if not found then
      -- Another push settled this id while this one was failing: its outcome stands.
      return app.stored_outcome(tenant, mutation);
    end if;
    insert into public.alerts (tenant_id, kind, device_id, mutation_id, payload)
    values (tenant, 'rejected_mutation', device, mutation,
            jsonb_build_object('mutation_id', mutation, 'kind', kind, 'code', code, 'message', msg,
                               'detail', case when detail ~ '^\{' then detail::jsonb end,
                               'staff_id', m -> 'staff_id', 'device_seq', m -> 'device_seq'));
  end;
  return jsonb_strip_nulls(jsonb_build_object('id', mutation, 'status', 'rejected', 'code', code, 'message', msg,
    'details', case when detail ~ '^\{' then detail::jsonb end));
end
$$;

create or replace function public.sync_push(mutations jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  dev record;
  results jsonb[] := '{}';
  r jsonb;
  m jsonb;
  n int;
  max_seq bigint;
begin
  select d.id, d.tenant_id into dev from public.devices d
  where d.auth_user_id = auth.uid() and d.revoked_at is null;
  if not found then
    perform app.deny('not_a_device', 'only a paired, unrevoked till may push mutations');
  end if;
  if mutations is null or jsonb_typeof(mutations) <> 'array' then
    perform app.fail('invalid_batch', 'mutations must be a JSON array');
  end if;
  n := jsonb_array_length(mutations);
  if n > 500 then
    perform app.fail('invalid_batch', 'at most 500 mutations per push');
  end if;
  perform app.begin_deferred_stock();

  for m in select value from jsonb_array_elements(mutations) loop
    r := app.push_one(dev.tenant_id, dev.id, m);
    results := results || r;
    -- The highest device_seq the server has settled (applied, duplicate or rejected).
    if r ->> 'status' <> 'retry' and jsonb_typeof(m -> 'device_seq') = 'number'
       and (m ->> 'device_seq') ~ '^\d{1,18}$' then
      max_seq := greatest(max_seq, (m ->> 'device_seq')::bigint);
    end if;
  end loop;

  update public.devices d set last_push_at = now(),
    last_device_seq = greatest(d.last_device_seq, coalesce(max_seq, 0))
  where d.id = dev.id;
  -- Last, so the hot stock rows stay locked only from here to commit.
  perform app.flush_stock();

  return jsonb_build_object('results', to_jsonb(results), 'server_time', now());
end
$$;

revoke all on all functions in schema app from public;
revoke all on function public.sync_push(jsonb) from public, anon;
grant execute on function public.sync_push(jsonb) to authenticated;
