// Catalog queries for the schema cache. They run once at boot and after migrations, never per
// request. Arrays come back as JSON so both drivers (pg, PGlite) decode them the same way.

export const COLUMNS_SQL = `
select n.nspname as schema, c.relname as table, c.relkind::text as kind,
  a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
  coalesce(bt.typname, t.typname)::text as base_type, not a.attnotnull as nullable,
  case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end as default_expr
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
left join pg_type t on t.oid = a.atttypid
left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
where c.relkind in ('r', 'v', 'm', 'f', 'p') and n.nspname = any($1::text[]) and not c.relispartition
order by n.nspname, c.relname, a.attnum`;

export const CONSTRAINTS_SQL = `
select con.conname as name, con.contype::text as type,
  n1.nspname as schema, c1.relname as table, n2.nspname as fschema, c2.relname as ftable,
  to_json(array(select a.attname::text from unnest(con.conkey) with ordinality k(num, i)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.i)) as cols,
  to_json(array(select a.attname::text from unnest(con.confkey) with ordinality k(num, i)
    join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.i)) as fcols
from pg_constraint con
join pg_class c1 on c1.oid = con.conrelid
join pg_namespace n1 on n1.oid = c1.relnamespace
left join pg_class c2 on c2.oid = con.confrelid
left join pg_namespace n2 on n2.oid = c2.relnamespace
where con.contype in ('p', 'u', 'f') and n1.nspname = any($1::text[])
  and (con.contype <> 'f' or con.conparentid = 0)
order by con.conrelid, con.conname`;

export const ROUTINES_SQL = `
select n.nspname as schema, p.proname as name, p.provolatile::text as volatility,
  p.proretset as returns_set, rt.typname::text as ret_type, rt.typtype::text as ret_typtype,
  rn.nspname as ret_schema, rc.relname as ret_relname,
  p.pronargdefaults::int as ndefaults,
  (select coalesce(json_agg(json_build_object('name', coalesce(x.name, ''), 'type', format_type(x.type, null),
      'mode', coalesce(x.mode, 'i')) order by x.idx), '[]')
    from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargnames, p.proargmodes::text[])
      with ordinality as x(type, name, mode, idx)) as args,
  (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
      'base', coalesce(bt.typname, t.typname)) order by a.attnum)
    from pg_attribute a join pg_type t on t.oid = a.atttypid
    left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
    where rt.typrelid <> 0 and a.attrelid = rt.typrelid and a.attnum > 0 and not a.attisdropped) as ret_columns
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type rt on rt.oid = p.prorettype
left join pg_class rc on rc.oid = rt.typrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any($1::text[]) and p.prokind = 'f' and rt.typname <> 'trigger'`;

export const ROLES_SQL = `
select r.rolname as name, r.rolsuper as super,
  exists (select 1 from pg_roles a where a.rolname = 'authenticator' and pg_has_role(a.oid, r.oid, 'MEMBER')) as allowed,
  (select to_json(s.setconfig) from pg_db_role_setting s where s.setrole = r.oid
    and s.setdatabase = (select oid from pg_database where datname = current_database())) as db_settings,
  (select to_json(s.setconfig) from pg_db_role_setting s where s.setrole = r.oid and s.setdatabase = 0) as settings
from pg_roles r`;

export const TYPES_SQL = `
select t.typname::text as name, n.nspname as schema
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where (n.nspname = 'pg_catalog' or n.nspname = any($1::text[]))
  and t.typtype in ('b', 'c', 'd', 'e', 'r', 'm') and t.typname not like '\\_%' and t.typname not like 'pg\\_%'`;
