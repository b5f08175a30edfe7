import { defineMessages, translate, type Locale } from '../../lib/i18n';

export const syncMessages = defineMessages({
  id: {
    'health.needs-pairing': 'Perlu dipasang ulang',
    'health.attention': '{count} perlu perhatian',
    'health.offline': 'Tidak ada antrean',
    'health.offlinePending': '{count} menunggu',
    'health.retrying': '{count} menunggu · mencoba lagi',
    'health.pending': '{count} menunggu',
    'health.synced': 'Tersinkron',
    'health.never': 'Belum sinkron',
    syncing: 'Menyinkronkan…',
    badgeLabel: 'Status sinkronisasi: {status}. Buka detail.',
    title: 'Sinkronisasi',
    network: 'Jaringan',
    online: 'Online',
    offline: 'Offline',
    pending: 'Menunggu dikirim',
    oldest: 'Tertua menunggu',
    lastSync: 'Terakhir sinkron',
    lastError: 'Kesalahan terakhir',
    never: 'Belum pernah',
    none: '—',
    syncNow: 'Sinkronkan sekarang',
    offlineHint:
      'Kasir tetap bisa berjualan. Semua transaksi tersimpan di perangkat ini dan terkirim otomatis saat internet kembali.',
    needsPairing:
      'Sesi kasir ini tidak berlaku lagi. Data yang belum terkirim tetap tersimpan. Minta manajer memasang ulang kasir ini.',
    repair: 'Pasang ulang',
    attentionTitle: 'Perlu perhatian',
    attentionEmpty: 'Tidak ada yang ditolak server.',
    attentionIntro:
      'Server menolak catatan berikut. Catatan tetap disimpan di kasir ini dan manajer melihat peringatan yang sama.',
    receipt: 'Struk {no}',
    code: 'Kode',
    serverSays: 'Pesan server',
    whatToDo: 'Yang perlu dilakukan',
    'kind.sale.complete': 'Penjualan',
    'kind.sale.void': 'Pembatalan penjualan',
    'kind.refund.create': 'Pengembalian',
    'kind.stock.adjust': 'Penyesuaian stok',
    'kind.stock.transfer': 'Transfer stok',
    'kind.shift.open': 'Buka shift',
    'kind.shift.close': 'Tutup shift',
    'kind.cash.move': 'Kas masuk/keluar',
    'kind.customer.upsert': 'Data pelanggan',
    'kind.payment.confirm': 'Konfirmasi pembayaran',
    'advice.staff':
      'Staf yang mencatat ini sudah nonaktif atau dihapus. Manajer perlu mencatat ulang di back office.',
    'advice.approval': 'Tindakan ini butuh persetujuan manajer. Manajer perlu meninjaunya.',
    'advice.shift':
      'Shift-nya sudah ditutup atau tidak dikenal server. Manajer perlu memeriksa laporan shift.',
    'advice.missing':
      'Produk, pelanggan, atau cabang yang dirujuk sudah tidak ada di server. Manajer perlu memeriksanya.',
    'advice.saleChanged':
      'Penjualan ini sudah berubah di server (dibatalkan atau dikembalikan). Manajer perlu memeriksanya.',
    'advice.conflict':
      'Orang lain mengubah data ini lebih dulu. Buka lagi datanya dan ulangi perubahan Anda.',
    'advice.duplicate':
      'Nomor ini sudah dipakai di server. Jangan pasang ulang kasir; hubungi dukungan Lapak.',
    'advice.stock': 'Stok tidak mencukupi di server. Manajer perlu memeriksa stok.',
    'advice.invalid':
      'Server menilai data ini tidak konsisten. Simpan struk kertasnya; manajer perlu memeriksanya.',
    'advice.other': 'Manajer perlu meninjaunya di back office. Catatan tetap aman di kasir ini.',
  },
  en: {
    'health.needs-pairing': 'Needs pairing',
    'health.attention': '{count} need attention',
    'health.offline': 'Nothing waiting',
    'health.offlinePending': '{count} waiting',
    'health.retrying': '{count} waiting · retrying',
    'health.pending': '{count} waiting',
    'health.synced': 'Synced',
    'health.never': 'Not synced yet',
    syncing: 'Syncing…',
    badgeLabel: 'Sync status: {status}. Open details.',
    title: 'Sync',
    network: 'Network',
    online: 'Online',
    offline: 'Offline',
    pending: 'Waiting to send',
    oldest: 'Oldest waiting',
    lastSync: 'Last sync',
    lastError: 'Last error',
    never: 'Never',
    none: '—',
    syncNow: 'Sync now',
    offlineHint:
      'The till keeps selling. Everything is saved on this device and sent automatically when the internet is back.',
    needsPairing:
      "This till's session is no longer valid. Unsent data stays saved. Ask a manager to pair this till again.",
    repair: 'Pair again',
    attentionTitle: 'Needs attention',
    attentionEmpty: 'Nothing has been rejected by the server.',
    attentionIntro:
      'The server rejected these records. They stay saved on this till and managers see the same alert.',
    receipt: 'Receipt {no}',
    code: 'Code',
    serverSays: 'Server message',
    whatToDo: 'What to do',
    'kind.sale.complete': 'Sale',
    'kind.sale.void': 'Sale void',
    'kind.refund.create': 'Refund',
    'kind.stock.adjust': 'Stock adjustment',
    'kind.stock.transfer': 'Stock transfer',
    'kind.shift.open': 'Shift open',
    'kind.shift.close': 'Shift close',
    'kind.cash.move': 'Cash in/out',
    'kind.customer.upsert': 'Customer details',
    'kind.payment.confirm': 'Payment confirmation',
    'advice.staff':
      'The staff member who recorded this was deactivated or removed. A manager should re-enter it in the back office.',
    'advice.approval': "This needed a manager's approval. A manager should review it.",
    'advice.shift':
      'The shift was already closed or unknown to the server. A manager should check the shift report.',
    'advice.missing':
      'A product, customer or outlet it refers to no longer exists on the server. A manager should check it.',
    'advice.saleChanged':
      'This sale had already changed on the server (voided or refunded). A manager should check it.',
    'advice.conflict':
      'Someone else changed this record first. Open it again and redo your change.',
    'advice.duplicate':
      'This number is already taken on the server. Do not re-pair the till; contact Lapak support.',
    'advice.stock': 'Not enough stock on the server. A manager should check the stock.',
    'advice.invalid':
      'The server found this record inconsistent. Keep the paper receipt; a manager should check it.',
    'advice.other':
      'A manager should review it in the back office. The record stays safe on this till.',
  },
});

export type SyncMessage = keyof (typeof syncMessages)['id'];

export function syncText(locale: Locale) {
  return (key: SyncMessage, params?: Record<string, string | number>) =>
    translate(syncMessages, locale, key, params);
}
