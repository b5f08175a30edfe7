import { defineMessages, translate, type Locale } from '../lib/i18n';

export const shellMessages = defineMessages({
  id: {
    skip: 'Langsung ke isi',
    loading: 'Memuat kasir…',
    online: 'Online',
    offline: 'Offline',
    switchLanguage: 'Switch to English',
    switchLanguageShort: 'EN',
    nav: 'Menu kasir',
    'nav./': 'Jual',
    'nav./shift': 'Shift',
    'nav./sync': 'Sinkron',
    'nav./settings': 'Pengaturan',
    'nav./manager': 'Manajer',
    lock: 'Kunci',
    switchCashier: 'Ganti kasir',
    staffChip: 'Kasir: {name}',
    lockedIdle: 'Kasir dikunci otomatis karena tidak dipakai.',
    lockedInactive: 'Staf tadi sudah dinonaktifkan oleh manajer. Masuk dengan staf lain.',
    sellPlaceholder: 'Layar penjualan belum terpasang di versi ini.',
    managerTitle: 'Ruang manajer',
    managerLoading: 'Memuat dasbor manajer…',
    managerOffline: 'Dasbor manajer butuh koneksi internet. Akan dimuat begitu online.',
    managerUnavailable: 'Alamat server tidak diketahui. Buka dasbor dari alamat server Lapak.',
    updateReady: 'Versi baru Lapak siap.',
    updateReload: 'Muat ulang',
    updateAfterSale: 'Versi baru Lapak siap. Akan dipasang setelah transaksi ini selesai.',
    syncingTill: 'Menyiapkan kasir…',
  },
  en: {
    skip: 'Skip to content',
    loading: 'Loading the till…',
    online: 'Online',
    offline: 'Offline',
    switchLanguage: 'Ganti ke Bahasa Indonesia',
    switchLanguageShort: 'ID',
    nav: 'Till menu',
    'nav./': 'Sell',
    'nav./shift': 'Shift',
    'nav./sync': 'Sync',
    'nav./settings': 'Settings',
    'nav./manager': 'Manager',
    lock: 'Lock',
    switchCashier: 'Switch cashier',
    staffChip: 'Cashier: {name}',
    lockedIdle: 'The till locked itself after being idle.',
    lockedInactive: 'That staff member was deactivated by a manager. Sign in as someone else.',
    sellPlaceholder: 'The selling screen is not installed in this version.',
    managerTitle: 'Manager area',
    managerLoading: 'Loading the manager dashboard…',
    managerOffline: 'The manager dashboard needs a connection. It will load once you are online.',
    managerUnavailable:
      'The server address is unknown. Open the dashboard from the Lapak server address.',
    updateReady: 'A new version of Lapak is ready.',
    updateReload: 'Reload',
    updateAfterSale:
      'A new version of Lapak is ready. It will be installed once this sale is done.',
    syncingTill: 'Getting the till ready…',
  },
});

export type ShellMessage = keyof (typeof shellMessages)['id'];

export function shellText(locale: Locale) {
  return (key: ShellMessage, params?: Record<string, string | number>) =>
    translate(shellMessages, locale, key, params);
}
