import { defineMessages, translate, type Locale } from '../../lib/i18n';

export const staffMessages = defineMessages({
  id: {
    title: 'Siapa yang bertugas?',
    subtitle: 'Pilih nama Anda, lalu masukkan PIN.',
    noStaff:
      'Belum ada staf di kasir ini. Tunggu sinkronisasi selesai atau minta manajer menambah staf.',
    pinFor: 'PIN untuk {name}',
    pinLabel: 'PIN',
    digitsEntered: '{count} digit dimasukkan',
    clear: 'Hapus satu digit',
    submit: 'Masuk',
    back: 'Ganti nama',
    checking: 'Memeriksa PIN…',
    wrongPin: 'PIN salah. Coba lagi.',
    wrongPinLeft: 'PIN salah. {count} percobaan lagi sebelum kasir dikunci sementara.',
    lockedOut: 'Terlalu banyak PIN salah. Coba lagi dalam {time}.',
    inactive: '{name} sudah dinonaktifkan. Minta manajer mengaktifkan kembali.',
    noPin: '{name} belum punya PIN. Minta manajer membuatkan PIN.',
    inactiveBadge: 'Nonaktif',
    pinShape: 'PIN terdiri dari 4–6 angka.',
  },
  en: {
    title: 'Who is on the till?',
    subtitle: 'Pick your name, then enter your PIN.',
    noStaff: 'No staff on this till yet. Wait for sync to finish or ask a manager to add staff.',
    pinFor: 'PIN for {name}',
    pinLabel: 'PIN',
    digitsEntered: '{count} digits entered',
    clear: 'Delete one digit',
    submit: 'Unlock',
    back: 'Change name',
    checking: 'Checking PIN…',
    wrongPin: 'Wrong PIN. Try again.',
    wrongPinLeft: 'Wrong PIN. {count} more tries before the till locks for a while.',
    lockedOut: 'Too many wrong PINs. Try again in {time}.',
    inactive: '{name} has been deactivated. Ask a manager to reactivate them.',
    noPin: '{name} has no PIN yet. Ask a manager to set one.',
    inactiveBadge: 'Inactive',
    pinShape: 'A PIN is 4–6 digits.',
  },
});

type Key = keyof (typeof staffMessages)['id'];

export function staffText(locale: Locale) {
  return (key: Key, params?: Record<string, string | number>) =>
    translate(staffMessages, locale, key, params);
}
