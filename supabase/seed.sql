-- Runs once, on an empty database (local stack) or on `supabase db reset`.
-- The demo shop is seeded here once the schema exists.
select 1;
