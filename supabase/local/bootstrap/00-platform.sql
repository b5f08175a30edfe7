-- Platform bootstrap: what a Supabase project has before its first migration. Roles and grants
-- follow supabase/postgres init-scripts/00000000000000-initial-schema.sql; the auth helper
-- functions follow supabase/auth migrations 20220224000811 and 20220531120530.
-- Everything here is idempotent: roles are cluster-wide on PostgreSQL and may already exist.

-- Stacks booting side by side on one PostgreSQL server (parallel test files) race to create
-- the cluster-wide roles: the loser of that race finds the role there, which is what it wanted.
do $$
declare
  spec record;
begin
  for spec in select * from (values
    ('anon', 'nologin noinherit'),
    ('authenticated', 'nologin noinherit'),
    ('service_role', 'nologin noinherit bypassrls'),
    ('authenticator', 'nologin noinherit'),
    ('supabase_auth_admin', 'nologin noinherit createrole')
  ) as r(name, options) loop
    if not exists (select 1 from pg_roles where rolname = spec.name) then
      begin
        execute format('create role %I %s', spec.name, spec.options);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;
end
$$;

-- 20230529180330_alter_api_roles_for_inherit.sql. Only when needed: ALTER ROLE rewrites the
-- cluster-wide pg_authid row even when nothing changes, and stacks booting side by side on one
-- PostgreSQL server (parallel test files) then fail with "tuple concurrently updated".
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon' and not rolinherit) then
    alter role anon inherit;
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated' and not rolinherit) then
    alter role authenticated inherit;
  end if;
  if exists (select 1 from pg_roles where rolname = 'service_role' and not rolinherit) then
    alter role service_role inherit;
  end if;
end
$$;

grant anon to authenticator;
grant authenticated to authenticator;
grant service_role to authenticator;

create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists storage;

grant usage on schema public to postgres, anon, authenticated, service_role;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema storage to anon, authenticated, service_role;

alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;

create extension if not exists pgcrypto with schema extensions;

create or replace function auth.uid() returns uuid language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;

do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;

-- The Supabase CLI's migration history table, so `supabase migration list` reads the same thing.
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);

-- Local only: marks that seed.sql ran, so it runs once on an empty database and never again.
create table if not exists supabase_migrations.local_seed (
  applied_at timestamptz not null default now()
);
