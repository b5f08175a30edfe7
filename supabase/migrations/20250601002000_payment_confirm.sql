-- sync_push kind `payment.confirm`: the cashier saw a pending QRIS / e-wallet / transfer payment
-- arrive and confirms it at the till, possibly long after the sale and offline. The payment must
-- belong to a sale of the caller's tenant; it moves pending → confirmed once. Confirming a payment
-- that is already confirmed (a second tap on another till, the provider's webhook first) is a
-- no-op with the same answer; a payment that failed or was refunded is `payment_settled`.
--
-- app.apply_mutation and app.push_one are redefined from 20250601001600_sync_push.sql with only
-- the new kind added.

create or replace function app.sync_payment_confirm(tenant uuid, device uuid, mutation uuid,
  staff uuid, approver uuid, p jsonb)
returns jsonb language plpgsql as $$
declare
  s public.sales;
  pay public.payments;
  payment_id uuid;
  reference text;
  seen_at timestamptz;
begin
  perform app.j_obj(p, 'payload');
  payment_id := app.j_uuid(p, 'payment_id', true);
  reference := app.j_text(p, 'reference', false, null, 200);
  seen_at := app.j_ts(p, 'confirmed_at', true);
  -- The sale row lock serializes a confirmation with a void or refund of the same sale.
  s := app.lock_sale(tenant, app.j_uuid(p, 'sale_id', true));
  perform app.require_staff(tenant, staff, 'sale.create', approver);

  select * into pay from public.payments x
  where x.tenant_id = tenant and x.sale_id = s.id and x.id = payment_id and x.refund_id is null
  for update;
  if not found then
    perform app.fail('unknown_payment', format('payment %s is not a payment of sale %s', payment_id, s.id));
  end if;
  if pay.status = 'confirmed' then
    return jsonb_build_object('payment_id', pay.id, 'sale_id', s.id, 'status', pay.status,
                              'confirmed_at', pay.confirmed_at);
  end if;
  if s.status = 'voided' then
    perform app.fail('sale_voided', format('sale %s is voided', s.id));
  end if;
  if pay.status <> 'pending' then
    perform app.fail('payment_settled', format('payment %s is already %s', pay.id, pay.status),
                     jsonb_build_object('payment_id', pay.id, 'status', pay.status));
  end if;

  update public.payments x set status = 'confirmed', confirmed_at = seen_at,
    external_reference = coalesce(reference, x.external_reference)
  where x.id = pay.id;
  perform app.audit(tenant, 'payments', pay.id::text, 'update',
    jsonb_build_object('status', pay.status, 'reference', pay.external_reference),
    jsonb_build_object('status', 'confirmed', 'reference', coalesce(reference, pay.external_reference),
                       'confirmed_at', seen_at, 'sale_id', s.id, 'receipt_no', s.receipt_no,
                       'staff_id', staff, 'approver_staff_id', approver));
  return jsonb_build_object('payment_id', pay.id, 'sale_id', s.id, 'status', 'confirmed',
                            'confirmed_at', seen_at);
end
$$;

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
    when 'payment.confirm' then app.sync_payment_confirm(tenant, device, mutation, staff, approver, payload)
  end;
end
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
                    'shift.open', 'shift.close', 'cash.move', 'customer.upsert', 'payment.confirm') then
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

revoke all on all functions in schema app from public;
