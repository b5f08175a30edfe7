import { useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { BP_SCALE, type Discount } from '../../../lib/totals';
import { errorText, salesText } from '../messages';
import { Dialog } from './Dialog';
import { MoneyInput } from './MoneyInput';

export interface DiscountEditorProps {
  title: string;
  discount: Discount | null;
  note?: string | null;
  currency: string;
  locale: Locale;
  /** Resolves when saved; rejects with the rule that forbids it (shown in the dialog). */
  onSave(discount: Discount | null, note: string | null): Promise<void>;
  onRemove?: () => void;
  onClose(): void;
}

type Kind = 'none' | 'percent' | 'amount';

/** Discount (and, for a line, its note). Percent in whole or decimal percent, amount in money. */
export function DiscountEditor(props: DiscountEditorProps) {
  const { title, discount, note, currency, locale, onSave, onRemove, onClose } = props;
  const t = salesText(locale);
  const [kind, setKind] = useState<Kind>(discount?.kind ?? 'none');
  const [percent, setPercent] = useState(
    discount?.kind === 'percent' ? String(discount.bp / 100) : '',
  );
  const [amount, setAmount] = useState<number | null>(
    discount?.kind === 'amount' ? discount.amount : null,
  );
  const [text, setText] = useState(note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const bp = Math.round(Number(percent.replace(',', '.')) * 100);
  const percentOk = /^\d{1,3}([.,]\d{1,2})?$/.test(percent.trim()) && bp >= 0 && bp <= BP_SCALE;
  const value: Discount | null | undefined =
    kind === 'none'
      ? null
      : kind === 'percent'
        ? percentOk
          ? { kind: 'percent', bp }
          : undefined
        : amount !== null
          ? { kind: 'amount', amount }
          : undefined;

  async function save() {
    if (value === undefined) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(value, note === undefined ? null : text);
      onClose();
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose} testId="discount-editor">
      <fieldset className="radio-row">
        <legend>{t('discountKind')}</legend>
        {(['none', 'percent', 'amount'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="discount-kind"
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {k === 'none'
              ? t('noDiscount')
              : k === 'percent'
                ? t('discountPercent')
                : t('discountAmount')}
          </label>
        ))}
      </fieldset>
      {kind === 'percent' && (
        <div className="field">
          <label htmlFor="discount-percent">{t('discountValue')}</label>
          <input
            id="discount-percent"
            inputMode="decimal"
            value={percent}
            aria-invalid={percent !== '' && !percentOk}
            onChange={(e) => setPercent(e.target.value)}
          />
          {percent !== '' && !percentOk && (
            <span className="field-error" role="alert">
              {t('amountInvalid')}
            </span>
          )}
        </div>
      )}
      {kind === 'amount' && (
        <MoneyInput
          label={t('discountValueAmount')}
          value={amount}
          onChange={setAmount}
          currency={currency}
          locale={locale}
          invalidText={t('amountInvalid')}
        />
      )}
      {note !== undefined && (
        <div className="field">
          <label htmlFor="line-note">{t('note')}</label>
          <textarea
            id="line-note"
            maxLength={500}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {onRemove && (
          <button type="button" className="button-danger" onClick={onRemove}>
            {t('remove')}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('cancel')}
        </button>
        <button
          type="button"

          disabled={value === undefined || busy}
          onClick={() => void save()}
        >
          {t('save')}
        </button>
      </div>
    </Dialog>
  );
}
