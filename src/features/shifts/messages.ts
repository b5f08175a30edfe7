import { defineMessages, translate, type Locale } from '../../lib/i18n';
import { ShiftError } from './model';

export const shiftMessages = defineMessages({
  id: {
    title: 'Shift',
    noShift: 'Belum ada shift yang dibuka di kasir ini.',
    openTitle: 'Buka shift',
    float: 'Modal awal di laci',
    floatHint: 'Hitung uang tunai di laci sebelum mulai berjualan.',
    open: 'Buka shift',
    openBanner: 'Shift belum dibuka. Buka shift dengan modal awal sebelum menerima tunai.',
    goOpen: 'Buka shift',
    current: 'Shift berjalan',
    openedAt: 'Dibuka',
    openedBy: 'Oleh',
    movements: 'Riwayat kas masuk/keluar',
    noMovements: 'Belum ada kas masuk atau keluar.',
    moveTitle: 'Catat kas masuk / keluar',
    moveIn: 'Kas masuk',
    moveOut: 'Kas keluar',
    amount: 'Jumlah',
    reason: 'Alasan',
    reasonHint: 'Wajib diisi, misalnya "Tukar uang kecil" atau "Bayar galon".',
    'reason.change': 'Tukar uang kecil',
    'reason.supplier': 'Bayar pemasok',
    'reason.deposit': 'Setor ke bank',
    record: 'Catat',
    recorded: 'Tercatat: {kind} {amount}.',
    closeTitle: 'Tutup shift',
    closeIntro:
      'Hitung semua uang tunai di laci lalu masukkan jumlahnya. Jumlah seharusnya baru ditampilkan setelah Anda memasukkan hitungan.',
    counted: 'Uang tunai yang dihitung',
    note: 'Catatan (opsional)',
    close: 'Tutup shift',
    confirmClose: 'Tutup shift dengan hitungan {amount}? Hitungan tidak bisa diubah setelah ini.',
    closedTitle: 'Shift ditutup',
    expected: 'Seharusnya',
    variance: 'Selisih',
    varianceOver: 'Lebih {amount}',
    varianceShort: 'Kurang {amount}',
    varianceNone: 'Pas',
    varianceNote: 'Angka ini hitungan kasir ini. Server menghitung ulang saat data terkirim.',
    done: 'Selesai',
    cancel: 'Batal',
    amountError: 'Masukkan jumlah uang yang valid, misalnya 50.000 atau 50rb.',
    [ShiftError.INVALID_INPUT]: 'Isian belum lengkap atau tidak valid.',
    [ShiftError.NO_OPEN_SHIFT]: 'Tidak ada shift yang terbuka.',
    [ShiftError.ALREADY_OPEN]: 'Shift sudah terbuka di kasir ini.',
    noPermission: '{name} tidak punya izin untuk ini. Minta manajer.',
  },
  en: {
    title: 'Shift',
    noShift: 'No shift is open on this till.',
    openTitle: 'Open shift',
    float: 'Opening float in the drawer',
    floatHint: 'Count the cash in the drawer before you start selling.',
    open: 'Open shift',
    openBanner: 'No shift is open. Open a shift with a float before taking cash.',
    goOpen: 'Open shift',
    current: 'Current shift',
    openedAt: 'Opened',
    openedBy: 'By',
    movements: 'Cash in/out this shift',
    noMovements: 'No cash in or out yet.',
    moveTitle: 'Record cash in / out',
    moveIn: 'Cash in',
    moveOut: 'Cash out',
    amount: 'Amount',
    reason: 'Reason',
    reasonHint: 'Required, e.g. "Change for small notes" or "Paid for water".',
    'reason.change': 'Change for small notes',
    'reason.supplier': 'Paid a supplier',
    'reason.deposit': 'Bank deposit',
    record: 'Record',
    recorded: 'Recorded: {kind} {amount}.',
    closeTitle: 'Close shift',
    closeIntro:
      'Count all the cash in the drawer and enter the total. What the drawer should hold is shown only after you enter your count.',
    counted: 'Cash counted',
    note: 'Note (optional)',
    close: 'Close shift',
    confirmClose:
      'Close the shift with a count of {amount}? The count cannot be changed afterwards.',
    closedTitle: 'Shift closed',
    expected: 'Expected',
    variance: 'Variance',
    varianceOver: 'Over by {amount}',
    varianceShort: 'Short by {amount}',
    varianceNone: 'Exact',
    varianceNote:
      "These figures are this till's reckoning. The server recomputes them when the data arrives.",
    done: 'Done',
    cancel: 'Cancel',
    amountError: 'Enter a valid amount, e.g. 50,000 or 50k.',
    [ShiftError.INVALID_INPUT]: 'Something is missing or not valid.',
    [ShiftError.NO_OPEN_SHIFT]: 'No shift is open.',
    [ShiftError.ALREADY_OPEN]: 'A shift is already open on this till.',
    noPermission: '{name} may not do this. Ask a manager.',
  },
});

export type ShiftMessage = keyof (typeof shiftMessages)['id'];

export function shiftText(locale: Locale) {
  return (key: ShiftMessage, params?: Record<string, string | number>) =>
    translate(shiftMessages, locale, key, params);
}

const CODES = new Set<string>(Object.values(ShiftError));

export function shiftErrorText(locale: Locale, code: string): string {
  return shiftText(locale)(CODES.has(code) ? (code as ShiftError) : ShiftError.INVALID_INPUT);
}
