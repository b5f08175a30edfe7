import { defineMessages, translate, type Locale } from '../../lib/i18n';
import { DeviceError } from './model';

export const deviceMessages = defineMessages({
  id: {
    title: 'Pasang kasir ini',
    intro:
      'Manajer masuk sekali untuk mendaftarkan tablet ini sebagai kasir. Setelah itu manajer otomatis keluar, dan kasir bekerja dengan PIN staf.',
    email: 'Email manajer',
    password: 'Kata sandi',
    signIn: 'Masuk sebagai manajer',
    haveCode: 'Saya punya kode pairing',
    codeTitle: 'Masukkan kode pairing',
    codeHint: 'Kode 8 huruf/angka dari manajer, misalnya DEMOJKT1.',
    code: 'Kode pairing',
    claim: 'Pasang',
    back: 'Kembali',
    setupTitle: 'Cabang dan nama kasir',
    outlet: 'Cabang',
    tillName: 'Nama kasir',
    tillNameHint: 'Misalnya "Kasir Depan". Terlihat di laporan manajer.',
    register: 'Daftarkan kasir',
    cancel: 'Batal dan keluar',
    working: 'Sedang memproses…',
    syncTitle: 'Mengunduh data toko',
    syncRows: '{count} baris diterima',
    syncDone: 'Selesai. Kasir siap dipakai.',
    syncFailed: 'Unduhan terhenti: {reason}. Data yang sudah diterima tetap tersimpan.',
    retry: 'Coba lagi',
    progress: 'Kemajuan unduhan',
    backToTill: 'Kembali ke kasir',
    repairNotice:
      'Sesi kasir ini berakhir. Pasang ulang dengan manajer; transaksi yang belum terkirim tetap aman di perangkat ini.',
    [DeviceError.BAD_LOGIN]: 'Email atau kata sandi salah.',
    [DeviceError.NOT_MANAGER]:
      'Akun ini bukan pemilik atau manajer toko, jadi tidak bisa memasang kasir.',
    [DeviceError.NO_OUTLETS]: 'Toko ini belum punya cabang. Buat cabang dulu di back office.',
    [DeviceError.INVALID_TILL_NAME]: 'Nama kasir harus 1–80 karakter.',
    [DeviceError.INVALID_PAIRING_CODE]:
      'Kode pairing tidak dikenal, sudah dipakai, atau kedaluwarsa. Minta kode baru ke manajer.',
    [DeviceError.NETWORK]: 'Tidak ada koneksi ke server. Pemasangan kasir perlu internet.',
    [DeviceError.CONFIG_UNAVAILABLE]:
      'Alamat server belum diketahui. Periksa koneksi lalu coba lagi.',
    [DeviceError.SERVER]: 'Server menolak permintaan ini. Coba lagi sebentar lagi.',
    [DeviceError.UNSYNCED_CHANGED]:
      'Ada catatan baru yang belum terkirim sejak peringatan tadi. Periksa lagi sebelum melepas pasangan.',
  },
  en: {
    title: 'Set up this till',
    intro:
      'A manager signs in once to register this tablet as a till. The manager is then signed out, and the till works with staff PINs.',
    email: 'Manager email',
    password: 'Password',
    signIn: 'Sign in as manager',
    haveCode: 'I have a pairing code',
    codeTitle: 'Enter the pairing code',
    codeHint: 'The 8-character code from your manager, e.g. DEMOJKT1.',
    code: 'Pairing code',
    claim: 'Pair',
    back: 'Back',
    setupTitle: 'Outlet and till name',
    outlet: 'Outlet',
    tillName: 'Till name',
    tillNameHint: 'For example "Front till". Managers see it in reports.',
    register: 'Register till',
    cancel: 'Cancel and sign out',
    working: 'Working…',
    syncTitle: 'Downloading shop data',
    syncRows: '{count} rows received',
    syncDone: 'Done. The till is ready.',
    syncFailed: 'The download stopped: {reason}. What arrived is kept.',
    retry: 'Try again',
    progress: 'Download progress',
    backToTill: 'Back to the till',
    repairNotice:
      "This till's session has ended. Pair it again with a manager; sales not yet sent stay safe on this device.",
    [DeviceError.BAD_LOGIN]: 'Wrong email or password.',
    [DeviceError.NOT_MANAGER]:
      'This account is not an owner or manager of the shop, so it cannot set up tills.',
    [DeviceError.NO_OUTLETS]: 'This shop has no outlets yet. Create one in the back office first.',
    [DeviceError.INVALID_TILL_NAME]: 'A till name is 1–80 characters.',
    [DeviceError.INVALID_PAIRING_CODE]:
      'This pairing code is unknown, used or expired. Ask your manager for a new one.',
    [DeviceError.NETWORK]: 'No connection to the server. Setting up a till needs the internet.',
    [DeviceError.CONFIG_UNAVAILABLE]:
      'The server address is not known yet. Check the connection and try again.',
    [DeviceError.SERVER]: 'The server refused this request. Try again in a moment.',
    [DeviceError.UNSYNCED_CHANGED]:
      'New unsent records appeared after the warning was shown. Check again before unpairing.',
  },
});

export type DeviceMessage = keyof (typeof deviceMessages)['id'];

export function deviceText(locale: Locale) {
  return (key: DeviceMessage, params?: Record<string, string | number>) =>
    translate(deviceMessages, locale, key, params);
}

const CODES = new Set<string>(Object.values(DeviceError));

/** The words for a pairing failure; anything unexpected reads as a server refusal. */
export function deviceErrorText(locale: Locale, code: string): string {
  return deviceText(locale)(CODES.has(code) ? (code as DeviceError) : DeviceError.SERVER);
}
