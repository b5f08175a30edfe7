import { useState } from 'react';
import { INTL_LOCALE, type Locale } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { BP_SCALE, type Discount } from '../../../lib/totals';
import { errorText, salesText } from '../messages';
import { Dialog } from './Dialog';
import { MoneyInput } from './MoneyInput';

export interface DiscountEditorProps {
  title: string;
  discount: Discount | null;
  note?: string | null;
  /** A line's unit price, editable (a price override), and the catalog's price for it. */
  price?: { unit: number; catalog: number };
  currency: string;
  locale: Locale;
  /**
   * Resolves when saved; rejects with the rule that forbids it (shown in the dialog). `price` is
   * the unit price to ring the line up at, or null when the dialog offers none.
   */
  onSave(discount: Discount | null, note: string | null, price: number | null): Promise<void>;
  onRemove?: () => void;
  onClose(): void;
}

type Kind = 'none' | 'percent' | 'amount';

/**
 * Discount (and, for a line, its note and unit price). Percent in whole or decimal percent,
 * amount in money.
 */
export function DiscountEditor(props: DiscountEditorProps) {
  const { title, discount, note, price, currency, locale, onSave, onRemove, onClose } = props;
  const t = salesText(locale);
  const [unitPrice, setUnitPrice] = useState<number | null>(price?.unit ?? null);
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

  const priceInvalid = price !== undefined && unitPrice === null;

  async function save() {
    if (value === undefined || priceInvalid) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(value, note === undefined ? null : text, price === undefined ? null : unitPrice);
      onClose();
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose} testId="discount-editor">
      {price !== undefined && (
        <div className="price-field">
          <MoneyInput
            label={t('price')}
            value={unitPrice}
            onChange={setUnitPrice}
            currency={currency}
            locale={locale}
            invalidText={t('amountInvalid')}
            testId="line-price"
          />
          {unitPrice !== null && unitPrice !== price.catalog && (
            <p className="field-hint price-hint">
              <span>
                {t('priceChanged', {
                  price: formatMoney(price.catalog, currency, INTL_LOCALE[locale]),
                })}
              </span>
              <button
                type="button"
                className="button-link"
                onClick={() => setUnitPrice(price.catalog)}
              >
                {t('resetPrice')}
              </button>
            </p>
          )}
        </div>
      )}
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

          disabled={value === undefined || priceInvalid || busy}
          onClick={() => void save()}
        >
          {t('save')}
        </button>
      </div>
    </Dialog>
  );
}
