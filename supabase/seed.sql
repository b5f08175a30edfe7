-- Demo shop, seeded once on an empty database (local stack) or by `supabase db reset`.
--
--   Toko Lapak Demo — IDR, Asia/Jakarta, prices include PPN 11 % (sembako 0 %)
--   Sign in:  owner@lapak.test / lapak-demo-123      manager@lapak.test / lapak-demo-123
--   Outlets:  JKT1 Lapak Jakarta (Kemang), BDG1 Lapak Bandung (Dago), plus warehouse GDG1
--   Tills:    T1 "Kasir Depan" (JKT1), T2 "Kasir Belakang" (JKT1), T3 "Kasir Dago" (BDG1),
--             registered, not yet claimed: pairing codes DEMOJKT1, DEMOJKT2, DEMOBDG1 (valid ten
--             years, single use — claim_device consumes them)
--   Staff:    Ibu Sari (Owner) PIN 1111, Budi (Manager) PIN 2222, Ani (Cashier) PIN 3333
--   Catalog:  200 products in 8 categories, EAN-13 barcodes (prefix 899), stock at both outlets
--
-- Ids are fixed (d0000000-…) so tests, e2e and docs can name them.

-- Auth users as hosted Supabase seeds write them (GoTrue reads the same columns).
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token,
  email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
       extensions.crypt('lapak-demo-123', extensions.gen_salt('bf', 10)), now(),
       '{"provider":"email","providers":["email"]}', jsonb_build_object('name', u.name), now(), now(),
       '', '', '', ''
from (values ('d0000000-0000-4000-8000-000000000101'::uuid, 'owner@lapak.test', 'Sari Wulandari'),
             ('d0000000-0000-4000-8000-000000000102'::uuid, 'manager@lapak.test', 'Budi Santoso')) as u(id, email, name);

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
       'email', now(), now(), now()
from auth.users u
where u.id in ('d0000000-0000-4000-8000-000000000101', 'd0000000-0000-4000-8000-000000000102');

insert into public.tenants (id, name, currency, currency_exponent, timezone, tax_mode, cash_rounding_step,
  receipt_header, receipt_footer)
values ('d0000000-0000-4000-8000-000000000001', 'Toko Lapak Demo', 'IDR', 0, 'Asia/Jakarta', 'inclusive', 0,
        E'Toko Lapak Demo\nJl. Kemang Raya No. 8, Jakarta Selatan', E'Terima kasih sudah berbelanja!\nHarga sudah termasuk PPN 11%');
insert into public.catalog_versions (tenant_id) values ('d0000000-0000-4000-8000-000000000001');

insert into public.memberships (tenant_id, user_id, role)
values ('d0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000101', 'owner'),
       ('d0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000102', 'manager');
insert into public.profiles (user_id, active_tenant_id, display_name)
values ('d0000000-0000-4000-8000-000000000101', 'd0000000-0000-4000-8000-000000000001', 'Sari Wulandari'),
       ('d0000000-0000-4000-8000-000000000102', 'd0000000-0000-4000-8000-000000000001', 'Budi Santoso');

select app.seed_roles('d0000000-0000-4000-8000-000000000001');

-- Each outlet gets its sales location (code = outlet code) from a trigger.
insert into public.outlets (id, tenant_id, code, name, address, phone)
values ('d0000000-0000-4000-8000-000000000201', 'd0000000-0000-4000-8000-000000000001', 'JKT1',
        'Lapak Jakarta (Kemang)', 'Jl. Kemang Raya No. 8, Jakarta Selatan', '021-7190001'),
       ('d0000000-0000-4000-8000-000000000202', 'd0000000-0000-4000-8000-000000000001', 'BDG1',
        'Lapak Bandung (Dago)', 'Jl. Ir. H. Juanda No. 120, Bandung', '022-2500002');
insert into public.locations (id, tenant_id, code, name, kind)
values ('d0000000-0000-4000-8000-000000000601', 'd0000000-0000-4000-8000-000000000001', 'GDG1',
        'Gudang Pusat Cakung', 'warehouse');

insert into public.devices (id, tenant_id, outlet_id, name, device_no, device_code, pairing_code, pairing_expires_at)
values ('d0000000-0000-4000-8000-000000000301', 'd0000000-0000-4000-8000-000000000001',
        'd0000000-0000-4000-8000-000000000201', 'Kasir Depan', 1, 'T1', 'DEMOJKT1', now() + interval '10 years'),
       ('d0000000-0000-4000-8000-000000000302', 'd0000000-0000-4000-8000-000000000001',
        'd0000000-0000-4000-8000-000000000201', 'Kasir Belakang', 2, 'T2', 'DEMOJKT2', now() + interval '10 years'),
       ('d0000000-0000-4000-8000-000000000303', 'd0000000-0000-4000-8000-000000000001',
        'd0000000-0000-4000-8000-000000000202', 'Kasir Dago', 3, 'T3', 'DEMOBDG1', now() + interval '10 years');

insert into public.staff (id, tenant_id, role_id, name)
select s.id, 'd0000000-0000-4000-8000-000000000001', r.id, s.name
from (values ('d0000000-0000-4000-8000-000000000401'::uuid, 'Ibu Sari', 'owner'),
             ('d0000000-0000-4000-8000-000000000402'::uuid, 'Budi', 'manager'),
             ('d0000000-0000-4000-8000-000000000403'::uuid, 'Ani', 'cashier')) as s(id, name, role)
join public.roles r on r.tenant_id = 'd0000000-0000-4000-8000-000000000001' and r.key = s.role;

insert into public.staff_pins (tenant_id, staff_id, pin_hash)
select 'd0000000-0000-4000-8000-000000000001', s.id, extensions.crypt(s.pin, extensions.gen_salt('bf', 10))
from (values ('d0000000-0000-4000-8000-000000000401'::uuid, '1111'),
             ('d0000000-0000-4000-8000-000000000402'::uuid, '2222'),
             ('d0000000-0000-4000-8000-000000000403'::uuid, '3333')) as s(id, pin);

insert into public.categories (id, tenant_id, name, sort_order)
select ('d0000000-0000-4000-8000-0000000005' || lpad(c.n::text, 2, '0'))::uuid,
       'd0000000-0000-4000-8000-000000000001', c.name, c.n
from (values (1, 'Minuman'), (2, 'Makanan Instan'), (3, 'Makanan Ringan'), (4, 'Sembako'),
             (5, 'Bumbu Dapur'), (6, 'Susu & Sarapan'), (7, 'Kebersihan Rumah'), (8, 'Perawatan Diri')) as c(n, name);

-- 50 base products × 4 pack sizes = 200 products. Prices in whole rupiah, rounded to Rp500;
-- sembako is PPN-exempt (0 %), everything else carries 11 % (inclusive).
with base (b, cat, name, price) as (
  values
    (1, 1, 'Air Mineral', 3000), (2, 1, 'Teh Melati Botol', 4500), (3, 1, 'Kopi Susu Kaleng', 8000),
    (4, 1, 'Minuman Jeruk Segar', 6000), (5, 1, 'Minuman Isotonik', 7500), (6, 1, 'Soda Stroberi', 7000),
    (7, 1, 'Jus Jambu Merah', 8500),
    (8, 2, 'Mi Goreng Spesial', 3500), (9, 2, 'Mi Kuah Soto Ayam', 3200), (10, 2, 'Mi Kuah Ayam Bawang', 3200),
    (11, 2, 'Bihun Goreng Instan', 4000), (12, 2, 'Bubur Ayam Instan', 6500), (13, 2, 'Sarden Saus Tomat', 12000),
    (14, 3, 'Keripik Singkong Balado', 9000), (15, 3, 'Kacang Atom', 6000), (16, 3, 'Wafer Cokelat', 5500),
    (17, 3, 'Biskuit Kelapa', 7000), (18, 3, 'Kerupuk Udang', 11000), (19, 3, 'Rempeyek Kacang', 12500),
    (20, 3, 'Cokelat Batang', 10000),
    (21, 4, 'Beras Pandan Wangi', 15000), (22, 4, 'Gula Pasir', 17000), (23, 4, 'Minyak Goreng Sawit', 18000),
    (24, 4, 'Telur Ayam Negeri', 2500), (25, 4, 'Tepung Terigu', 13000), (26, 4, 'Garam Beryodium', 4000),
    (27, 4, 'Kacang Hijau', 16000),
    (28, 5, 'Kecap Manis', 9500), (29, 5, 'Saus Sambal', 8000), (30, 5, 'Kaldu Ayam Bubuk', 3500),
    (31, 5, 'Terasi Udang', 5000), (32, 5, 'Bumbu Nasi Goreng', 4500), (33, 5, 'Merica Bubuk', 6500),
    (34, 6, 'Susu UHT Cokelat', 6500), (35, 6, 'Susu Kental Manis', 11000), (36, 6, 'Sereal Jagung', 24000),
    (37, 6, 'Roti Tawar Gandum', 16000), (38, 6, 'Selai Stroberi', 19000), (39, 6, 'Kopi Bubuk Robusta', 14000),
    (40, 6, 'Teh Celup Melati', 8500),
    (41, 7, 'Sabun Cuci Piring Jeruk Nipis', 12000), (42, 7, 'Deterjen Bubuk', 18500), (43, 7, 'Pewangi Pakaian', 14000),
    (44, 7, 'Pembersih Lantai Sereh', 15500), (45, 7, 'Tisu Wajah', 13000),
    (46, 8, 'Sabun Mandi Sereh', 5000), (47, 8, 'Sampo Lidah Buaya', 17500), (48, 8, 'Pasta Gigi Herbal', 12000),
    (49, 8, 'Minyak Kayu Putih', 22000), (50, 8, 'Bedak Bayi', 15000)),
pack (v, label, factor) as (
  values (1, 'Kecil', 1.0), (2, 'Sedang', 1.8), (3, 'Besar', 3.2), (4, 'Hemat Isi 6', 5.4)),
item as (
  select (b.b - 1) * 4 + p.v as n, b.cat, b.name || ' ' || p.label as name,
         greatest(500, round(b.price * p.factor / 500) * 500)::bigint as price
  from base b cross join pack p)
insert into public.products (id, tenant_id, sku, barcodes, name, unit, price, cost, tax_rate_bp, category_id)
select ('d0000000-0000-4000-8001-' || lpad(i.n::text, 12, '0'))::uuid,
       'd0000000-0000-4000-8000-000000000001',
       'LPK-' || lpad(i.n::text, 4, '0'),
       -- EAN-13: 899 (GS1 Indonesia) + 9 digits + check digit (weights 1,3,1,3… from the left).
       array[d.digits || ((10 - (select sum(substr(d.digits, k, 1)::int * case when k % 2 = 0 then 3 else 1 end)
                                 from generate_series(1, 12) k) % 10) % 10)::text],
       i.name, 'pcs', i.price, (i.price * 78 / 100)::bigint,
       case when i.cat = 4 then 0 else 1100 end,
       ('d0000000-0000-4000-8000-0000000005' || lpad(i.cat::text, 2, '0'))::uuid
from item i
cross join lateral (select '899' || lpad((100000 + i.n * 7)::text, 9, '0') as digits) d;

-- Opening stock: received into each outlet's sales location and the warehouse, as ledger
-- movements, with the levels summing exactly the movements.
with targets as (
  select l.id as location_id, l.code from public.locations l
  where l.tenant_id = 'd0000000-0000-4000-8000-000000000001'),
moves as (
  insert into public.stock_movements (tenant_id, product_id, location_id, kind, quantity, batch_id, reference, note)
  select 'd0000000-0000-4000-8000-000000000001', p.id, t.location_id, 'receiving',
         case when t.code = 'GDG1' then 500
              else 24 + (abs(hashtext(p.sku || t.code)::bigint) % 150) end,
         'd0000000-0000-4000-8000-000000000701', 'SEED', 'Stok awal'
  from public.products p cross join targets t
  where p.tenant_id = 'd0000000-0000-4000-8000-000000000001'
  returning product_id, location_id, quantity)
insert into public.stock_levels (tenant_id, product_id, location_id, quantity, reorder_level)
select 'd0000000-0000-4000-8000-000000000001', m.product_id, m.location_id, sum(m.quantity), 10
from moves m group by m.product_id, m.location_id;
