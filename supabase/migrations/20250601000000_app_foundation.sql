-- Foundation: the private `app` schema (not exposed by the API), stable error raising, strict JSON
-- readers for RPC payloads, and the row triggers every business table shares.

create schema if not exists app;
-- Helpers here are not security definer and name every object schema-qualified, so they need no
-- pinned search_path (a SET clause on a function costs a GUC save/restore on every call, and the
-- sale path calls these dozens of times). Every security definer function pins search_path = ''.
revoke all on schema app from public;
-- Policies call app.tenant_id() and friends as the querying role, so that role needs the schema.
grant usage on schema app to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Errors. Every error an RPC raises on purpose carries a stable code: SQLSTATE P0001 (PostgREST
-- answers 400), message '<code>: <human text>', hint '<code>' and, when useful, detail = JSON
-- context. Clients read the code from `hint` (docs/sync-protocol.md §Errors).

create or replace function app.fail(code text, message text, detail jsonb default null)
returns void language plpgsql volatile as $$
begin
  if detail is null then
    raise exception using errcode = 'P0001', message = code || ': ' || message, hint = code;
  end if;
  raise exception using errcode = 'P0001', message = code || ': ' || message, hint = code,
    detail = detail::text;
end
$$;

-- A dependency of a sync mutation has not reached the server yet (a void before its sale, a close
-- before its shift). sync_push answers `retry` and stores nothing, so a later push can apply it.
-- The SQLSTATE is private to sync_push, which always catches it.
create or replace function app.retry(code text, message text)
returns void language plpgsql volatile as $$
begin
  raise exception using errcode = 'LR001', message = code || ': ' || message, hint = code;
end
$$;

-- 42501 makes PostgREST answer 403 (401 for anon): the caller may not do this at all.
create or replace function app.deny(code text, message text)
returns void language plpgsql volatile as $$
begin
  raise exception using errcode = '42501', message = code || ': ' || message, hint = code;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Strict JSON readers. A payload field of the wrong JSON type is `invalid_payload`, never coerced:
-- "5" is not 5, 1.5 is not a quantity, and a missing required field is named in the message.

create or replace function app.j_obj(v jsonb, path text)
returns jsonb language plpgsql stable as $$
begin
  if v is null or jsonb_typeof(v) <> 'object' then
    perform app.fail('invalid_payload', path || ' must be an object');
  end if;
  return v;
end
$$;

create or replace function app.j_arr(v jsonb, path text)
returns jsonb language plpgsql stable as $$
begin
  if v is null or jsonb_typeof(v) <> 'array' then
    perform app.fail('invalid_payload', path || ' must be an array');
  end if;
  return v;
end
$$;

-- Returns null for an absent key or JSON null; raises when present with another type.
create or replace function app.j_uuid(obj jsonb, key text, required boolean, path text default null)
returns uuid language plpgsql stable as $$
declare
  v jsonb := obj -> key;
begin
  if v is null or v = 'null'::jsonb then
    if required then perform app.fail('invalid_payload', coalesce(path, key) || ' is required'); end if;
    return null;
  end if;
  if jsonb_typeof(v) <> 'string'
     or (v #>> '{}') !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    perform app.fail('invalid_payload', coalesce(path, key) || ' must be a uuid');
  end if;
  return (v #>> '{}')::uuid;
end
$$;

-- Integers travel as JSON numbers with no fraction, within [lo, hi] (defaults: JavaScript's safe
-- integer range, which is what the till can represent exactly).
create or replace function app.j_int(
  obj jsonb, key text, required boolean, path text default null,
  lo numeric default -9007199254740991, hi numeric default 9007199254740991,
  code text default 'invalid_payload')
returns bigint language plpgsql stable as $$
declare
  v jsonb := obj -> key;
  n numeric;
begin
  if v is null or v = 'null'::jsonb then
    if required then perform app.fail(code, coalesce(path, key) || ' is required'); end if;
    return null;
  end if;
  if jsonb_typeof(v) <> 'number' then
    perform app.fail(code, coalesce(path, key) || ' must be an integer');
  end if;
  n := (v #>> '{}')::numeric;
  if n <> trunc(n) or n < lo or n > hi then
    perform app.fail(code, format('%s must be an integer in [%s, %s]', coalesce(path, key), lo, hi));
  end if;
  return n::bigint;
end
$$;

-- Text is trimmed; an empty string counts as absent.
create or replace function app.j_text(obj jsonb, key text, required boolean, path text default null,
  max_length int default 500)
returns text language plpgsql stable as $$
declare
  v jsonb := obj -> key;
  t text;
begin
  if v is not null and v <> 'null'::jsonb and jsonb_typeof(v) <> 'string' then
    perform app.fail('invalid_payload', coalesce(path, key) || ' must be a string');
  end if;
  t := nullif(btrim(v #>> '{}'), '');
  if t is null then
    if required then perform app.fail('invalid_payload', coalesce(path, key) || ' is required'); end if;
    return null;
  end if;
  if length(t) > max_length then
    perform app.fail('invalid_payload', format('%s is longer than %s characters', coalesce(path, key), max_length));
  end if;
  return t;
end
$$;

create or replace function app.j_bool(obj jsonb, key text, path text default null)
returns boolean language plpgsql stable as $$
declare
  v jsonb := obj -> key;
begin
  if v is null or v = 'null'::jsonb then return false; end if;
  if jsonb_typeof(v) <> 'boolean' then
    perform app.fail('invalid_payload', coalesce(path, key) || ' must be a boolean');
  end if;
  return v::text::boolean;
end
$$;

-- Timestamps must be ISO 8601 with an explicit offset, so the session time zone never changes
-- their meaning. Stable, not immutable: the cast to timestamptz depends on settings.
create or replace function app.j_ts(obj jsonb, key text, required boolean, path text default null)
returns timestamptz language plpgsql stable as $$
declare
  v jsonb := obj -> key;
begin
  if v is null or v = 'null'::jsonb then
    if required then perform app.fail('invalid_payload', coalesce(path, key) || ' is required'); end if;
    return null;
  end if;
  if jsonb_typeof(v) <> 'string' or (v #>> '{}') !~
     '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}(:?\d{2})?)$' then
    perform app.fail('invalid_payload', coalesce(path, key) || ' must be an ISO 8601 timestamp with offset');
  end if;
  return (v #>> '{}')::timestamptz;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Row triggers.

-- updated_at follows every change.
create or replace function app.touch() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- Replicated tables also record the writing transaction's id: sync_pull pages by it and only hands
-- out rows whose transaction is older than every running one, so a late commit is never skipped.
create or replace function app.touch_sync() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  new.txid := pg_current_xact_id();
  return new;
end
$$;

-- Optimistic concurrency for master data, in two triggers that fire in name order:
--   t10_version_guard (BEFORE UPDATE OF version) — the update named a version: it must be the
--   row's current one, else `version_conflict` (SQLSTATE PT409 → HTTP 409); the row moves on by one.
--   t20_version_bump (BEFORE UPDATE) — the update did not name a version: an API caller must
--   (`version_required`), trusted server code (RPCs run as the owner) gets a bump for free.
create or replace function app.version_guard() returns trigger language plpgsql as $$
begin
  if new.version is distinct from old.version then
    raise exception using errcode = 'PT409',
      message = format('version_conflict: %s %s is at version %s, not %s',
                       tg_table_name, old.id, old.version, new.version),
      hint = 'version_conflict',
      detail = jsonb_build_object('table', tg_table_name, 'id', old.id,
                                  'current_version', old.version, 'sent_version', new.version)::text;
  end if;
  new.version := old.version + 1;
  return new;
end
$$;

create or replace function app.version_bump() returns trigger language plpgsql as $$
begin
  if new.version = old.version then
    if current_user in ('authenticated', 'anon') then
      raise exception using errcode = 'P0001',
        message = format('version_required: updates to %s must carry the version they were based on', tg_table_name),
        hint = 'version_required';
    end if;
    -- Server-side touches that only move the sync position (a role's permissions changed, a
    -- staff member's PIN changed) are not edits of the row and leave its version alone.
    if (to_jsonb(new) - array['txid', 'updated_at']) is distinct from (to_jsonb(old) - array['txid', 'updated_at']) then
      new.version := old.version + 1;
    end if;
  end if;
  return new;
end
$$;

-- tenant_id and id never change: a row cannot be moved to another tenant, even by its owner.
create or replace function app.pin_identity() returns trigger language plpgsql as $$
begin
  if new.tenant_id is distinct from old.tenant_id or new.id is distinct from old.id then
    perform app.fail('immutable_column', format('%s.tenant_id and id cannot change', tg_table_name));
  end if;
  return new;
end
$$;

create or replace function app.pin_id() returns trigger language plpgsql as $$
begin
  if new.id is distinct from old.id then
    perform app.fail('immutable_column', format('%s.id cannot change', tg_table_name));
  end if;
  return new;
end
$$;

-- Installs the standard triggers on a table: identity pinning, updated_at (and txid when the table
-- is replicated to tills), and the version pair when the table is versioned master data.
create or replace function app.install_row_triggers(tbl regclass, versioned boolean, synced boolean)
returns void language plpgsql as $$
begin
  execute format('create trigger t00_pin_identity before update on %s for each row execute function %s', tbl,
    case when exists (select 1 from pg_catalog.pg_attribute
                      where attrelid = tbl and attname = 'tenant_id' and not attisdropped)
         then 'app.pin_identity()' else 'app.pin_id()' end);
  if versioned then
    execute format('create trigger t10_version_guard before update of version on %s for each row execute function app.version_guard()', tbl);
    execute format('create trigger t20_version_bump before update on %s for each row execute function app.version_bump()', tbl);
  end if;
  execute format('create trigger t30_touch before update on %s for each row execute function %s', tbl,
                 case when synced then 'app.touch_sync()' else 'app.touch()' end);
end
$$;

revoke all on all functions in schema app from public;
