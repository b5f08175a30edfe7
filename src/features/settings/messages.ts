import { defineMessages, translate, type Locale } from '../../lib/i18n';

export const settingsMessages = defineMessages({
  id: {
    title: 'Pengaturan',
    language: 'Bahasa',
    idleLock: 'Kunci otomatis saat tidak dipakai',
    idleNever: 'Tidak pernah',
    idleMinutes: '{count} menit',
    till: 'Kasir ini',
    shop: 'Toko',
    outlet: 'Cabang',
    tillName: 'Nama kasir',
    deviceCode: 'Kode perangkat',
    version: 'Versi aplikasi',
    storage: 'Penyimpanan',
    used: 'Terpakai',
    quota: 'Kapasitas',
    unknown: 'Tidak diketahui',
    persisted: 'Penyimpanan permanen',
    persistedYes: 'Ya — browser tidak akan menghapus data kasir',
    persistedNo: 'Tidak — browser bisa menghapus data jika ruang penuh',
    askPersist: 'Minta penyimpanan permanen',
    unpairTitle: 'Lepas pasangan kasir',
    unpairIntro:
      'Menghapus semua data kasir dari perangkat ini. Kasir harus dipasang ulang oleh manajer sebelum bisa berjualan lagi.',
    unpair: 'Lepas pasangan…',
    unpairSafe: 'Semua data sudah terkirim ke server. Lepas pasangan sekarang?',
    unpairUnsynced:
      'PERINGATAN: {pending} catatan belum terkirim dan {attention} ditolak server. Jika dilanjutkan, catatan itu HILANG dari perangkat ini. Sambungkan ke internet dan tunggu sinkronisasi dulu.',
    unpairType: 'Ketik {word} untuk tetap melanjutkan',
    unpairWord: 'HAPUS',
    unpairConfirm: 'Lepas pasangan dan hapus data',
    cancel: 'Batal',
  },
  en: {
    title: 'Settings',
    language: 'Language',
    idleLock: 'Lock automatically when idle',
    idleNever: 'Never',
    idleMinutes: '{count} minutes',
    till: 'This till',
    shop: 'Shop',
    outlet: 'Outlet',
    tillName: 'Till name',
    deviceCode: 'Device code',
    version: 'App version',
    storage: 'Storage',
    used: 'Used',
    quota: 'Quota',
    unknown: 'Unknown',
    persisted: 'Persistent storage',
    persistedYes: 'Yes — the browser will not evict the till’s data',
    persistedNo: 'No — the browser may evict data when space runs low',
    askPersist: 'Request persistent storage',
    unpairTitle: 'Unpair this till',
    unpairIntro:
      'Removes all till data from this device. A manager must pair the till again before it can sell.',
    unpair: 'Unpair…',
    unpairSafe: 'Everything has reached the server. Unpair now?',
    unpairUnsynced:
      'WARNING: {pending} records have not been sent and {attention} were rejected by the server. If you continue they are LOST from this device. Connect to the internet and let sync finish first.',
    unpairType: 'Type {word} to continue anyway',
    unpairWord: 'DELETE',
    unpairConfirm: 'Unpair and delete data',
    cancel: 'Cancel',
  },
});

export type SettingsMessage = keyof (typeof settingsMessages)['id'];

export function settingsText(locale: Locale) {
  return (key: SettingsMessage, params?: Record<string, string | number>) =>
    translate(settingsMessages, locale, key, params);
}

/** Each language named in itself, so a reader of the other one can still find theirs. */
export const LOCALE_NAMES: Record<Locale, string> = { id: 'Bahasa Indonesia', en: 'English' };
