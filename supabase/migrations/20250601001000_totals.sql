-- Cart totals, the SQL twin of src/lib/totals.ts: the same validation order, the same integer
-- arithmetic (numeric, so intermediate products up to ~2^106 stay exact) and the same error codes.
-- Both are run against supabase/tests/vectors/totals.json. Change one, change the other.

create or replace function app.max_amount() returns numeric language sql immutable as
$$ select 9007199254740991::numeric $$;

-- round(a × b / c), half up (all operands here are non-negative).
create or replace function app.mul_div_half_up(a numeric, b numeric, c numeric) returns numeric
language sql immutable as $$
  select div(a * b, c) + case when mod(a * b, c) * 2 >= c then 1 else 0 end
$$;

-- A JSON number that is an integer within [lo, hi], else null.
create or replace function app.json_int(v jsonb, lo numeric, hi numeric) returns numeric
language sql immutable as $$
  select case when jsonb_typeof(v) = 'number'
                   and (v #>> '{}')::numeric = trunc((v #>> '{}')::numeric)
                   and (v #>> '{}')::numeric between lo and hi
              then (v #>> '{}')::numeric end
$$;

-- Discounts: null/absent, {kind:'percent', bp: 0..10000} or {kind:'amount', amount: 0..2^53-1}.
create or replace function app.check_discount(d jsonb, field text) returns void
language plpgsql immutable as $$
begin
  if d is null or d = 'null'::jsonb then return; end if;
  if jsonb_typeof(d) = 'object' and (
       (d ->> 'kind' = 'percent' and app.json_int(d -> 'bp', 0, 10000) is not null) or
       (d ->> 'kind' = 'amount' and app.json_int(d -> 'amount', 0, app.max_amount()) is not null)) then
    return;
  end if;
  perform app.fail('invalid_discount', field || ' is not a valid discount');
end
$$;

create or replace function app.discount_amount(base numeric, d jsonb) returns numeric
language sql immutable as $$
  select case when d is null or d = 'null'::jsonb then 0
              when d ->> 'kind' = 'percent' then app.mul_div_half_up(base, (d ->> 'bp')::numeric, 10000)
              else (d ->> 'amount')::numeric end
$$;

-- lines: [{quantity, unit_price, tax_rate_bp, discount?}], order_discount: discount or null.
-- Returns {lines:[{gross, line_discount, order_discount, net, tax, total}], subtotal,
-- line_discount_total, order_discount_total, net_total, tax_total, total, rounding, total_due,
-- tax_breakdown:[{tax_rate_bp, net, tax}]} — the vectors' `expected` shape.
--
-- Every amount is non-negative, so a running sum passes 2^53 - 1 exactly when its final value
-- does: sums are checked once at the end rather than at every addition (`amount_overflow` either
-- way, as in totals.ts). This function runs for every sale pushed, so it keeps to arrays and plain
-- arithmetic.
create or replace function app.compute_totals(lines jsonb, order_discount jsonb, tax_mode text,
                                              cash_rounding_step bigint)
returns jsonb language plpgsql immutable as $$
declare
  max_amt constant numeric := 9007199254740991;
  n int;
  i int;
  j int;
  l jsonb;
  d_json jsonb;
  qty numeric;
  rate int[] := '{}';
  gross numeric[] := '{}';
  ldisc numeric[] := '{}';
  after numeric[] := '{}';
  share numeric[] := '{}';
  rem numeric[] := '{}';
  g numeric;
  d numeric;
  order_base numeric := 0;
  od numeric;
  left_over numeric;
  amt numeric;
  tax numeric;
  net numeric;
  tot numeric;
  out_lines jsonb[] := '{}';
  subtotal numeric := 0;
  ldisc_total numeric := 0;
  net_total numeric := 0;
  tax_total numeric := 0;
  total numeric := 0;
  total_due numeric;
  r numeric;
  rates int[] := '{}';
  rate_net numeric[] := '{}';
  rate_tax numeric[] := '{}';
  breakdown jsonb[] := '{}';
begin
  -- 1. Validate everything before any arithmetic, in totals.ts order.
  if tax_mode is null or tax_mode not in ('inclusive', 'exclusive') then
    perform app.fail('invalid_tax_mode', 'tax_mode must be inclusive or exclusive');
  end if;
  if cash_rounding_step is null or cash_rounding_step < 0 or cash_rounding_step > max_amt then
    perform app.fail('invalid_rounding_step', 'cash_rounding_step must be a non-negative integer');
  end if;
  if lines is null or jsonb_typeof(lines) <> 'array' then
    perform app.fail('invalid_cart', 'lines must be an array');
  end if;
  n := jsonb_array_length(lines);
  for i in 1 .. n loop
    l := lines -> (i - 1);
    if jsonb_typeof(l) <> 'object' then
      perform app.fail('invalid_cart', format('lines[%s] must be an object', i - 1));
    end if;
    if app.json_int(l -> 'quantity', 1, max_amt) is null then
      perform app.fail('invalid_quantity', format('lines[%s].quantity must be a positive integer', i - 1));
    end if;
    if app.json_int(l -> 'unit_price', 0, max_amt) is null then
      perform app.fail('invalid_amount', format('lines[%s].unit_price must be a non-negative integer', i - 1));
    end if;
    if app.json_int(l -> 'tax_rate_bp', 0, 10000) is null then
      perform app.fail('invalid_tax_rate', format('lines[%s].tax_rate_bp must be in 0..10000', i - 1));
    end if;
    d_json := l -> 'discount';
    if d_json is not null and d_json <> 'null'::jsonb then
      perform app.check_discount(d_json, format('lines[%s].discount', i - 1));
    end if;
  end loop;
  if order_discount is not null and order_discount <> 'null'::jsonb then
    perform app.check_discount(order_discount, 'order_discount');
  end if;

  -- 2. Line discounts, line by line (so errors surface in line order).
  for i in 1 .. n loop
    l := lines -> (i - 1);
    qty := (l ->> 'quantity')::numeric;
    g := qty * (l ->> 'unit_price')::numeric;
    if g > max_amt then
      perform app.fail('amount_overflow', format('lines[%s] gross exceeds 2^53 - 1', i - 1));
    end if;
    d_json := l -> 'discount';
    d := case when d_json is null or d_json = 'null'::jsonb then 0
              when d_json ->> 'kind' = 'percent' then app.mul_div_half_up(g, (d_json ->> 'bp')::numeric, 10000)
              else (d_json ->> 'amount')::numeric end;
    if d > g then
      perform app.fail('discount_exceeds_line', format('lines[%s] discount %s exceeds the line''s %s', i - 1, d, g),
                       jsonb_build_object('line', i - 1, 'discount', d, 'gross', g));
    end if;
    rate[i] := (l ->> 'tax_rate_bp')::int;
    gross[i] := g;
    ldisc[i] := d;
    after[i] := g - d;
    order_base := order_base + (g - d);
  end loop;

  -- 3. Order discount on the sum after line discounts, allocated by largest remainder.
  if order_base > max_amt then
    perform app.fail('amount_overflow', 'the order exceeds 2^53 - 1');
  end if;
  od := app.discount_amount(order_base, order_discount);
  if od > order_base then
    perform app.fail('discount_exceeds_order', format('order discount %s exceeds the order''s %s', od, order_base),
                     jsonb_build_object('discount', od, 'base', order_base));
  end if;
  left_over := od;
  for i in 1 .. n loop
    if od = 0 then
      share[i] := 0;
      rem[i] := 0;
    else
      share[i] := div(od * after[i], order_base);
      rem[i] := mod(od * after[i], order_base);
      left_over := left_over - share[i];
    end if;
  end loop;
  if left_over > 0 then
    -- Largest remainders first, ties to the lower index.
    for i in select t.idx from unnest(rem) with ordinality as t(rm, idx) order by t.rm desc, t.idx asc
             limit left_over loop
      share[i] := share[i] + 1;
    end loop;
  end if;

  -- 4. Tax per line, half up per line; then sums and the per-rate breakdown.
  for i in 1 .. n loop
    amt := after[i] - share[i];
    if tax_mode = 'exclusive' then
      tax := app.mul_div_half_up(amt, rate[i], 10000);
      net := amt;
      tot := amt + tax;
      if tot > max_amt then
        perform app.fail('amount_overflow', format('lines[%s] total exceeds 2^53 - 1', i - 1));
      end if;
    else
      tax := app.mul_div_half_up(amt, rate[i], 10000 + rate[i]);
      net := amt - tax;
      tot := amt;
    end if;
    out_lines[i] := jsonb_build_object('gross', gross[i], 'line_discount', ldisc[i],
      'order_discount', share[i], 'net', net, 'tax', tax, 'total', tot);
    j := array_position(rates, rate[i]);
    if j is null then
      rates := rates || rate[i];
      rate_net := rate_net || net;
      rate_tax := rate_tax || tax;
    else
      rate_net[j] := rate_net[j] + net;
      rate_tax[j] := rate_tax[j] + tax;
    end if;
    subtotal := subtotal + gross[i];
    ldisc_total := ldisc_total + ldisc[i];
    net_total := net_total + net;
    tax_total := tax_total + tax;
    total := total + tot;
  end loop;
  if subtotal > max_amt or total > max_amt then
    perform app.fail('amount_overflow', 'the sale exceeds 2^53 - 1');
  end if;
  for j in select t.idx from unnest(rates) with ordinality as t(rt, idx) order by t.rt loop
    breakdown := breakdown || jsonb_build_object('tax_rate_bp', rates[j], 'net', rate_net[j], 'tax', rate_tax[j]);
  end loop;

  -- 5. Cash rounding of the total, half up (roundCash in money.ts).
  if cash_rounding_step = 0 then
    total_due := total;
  else
    r := mod(total, cash_rounding_step);
    total_due := case when r * 2 >= cash_rounding_step then total - r + cash_rounding_step else total - r end;
    if total_due > max_amt then
      perform app.fail('amount_overflow', 'the amount due exceeds 2^53 - 1');
    end if;
  end if;

  return jsonb_build_object(
    'lines', to_jsonb(out_lines), 'subtotal', subtotal, 'line_discount_total', ldisc_total,
    'order_discount_total', od, 'net_total', net_total, 'tax_total', tax_total, 'total', total,
    'rounding', total_due - total, 'total_due', total_due, 'tax_breakdown', to_jsonb(breakdown));
end
$$;

revoke all on all functions in schema app from public;
