import { useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { INTL_LOCALE } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import type { CartTotals, TaxMode } from '../../../lib/totals';
import { salesText } from '../messages';
import { isPriceOverridden, itemCount, MAX_QUANTITY, type Cart, type CartLine } from '../model';

export interface CartPanelProps {
  cart: Cart;
  totals: CartTotals;
  taxMode: TaxMode;
  currency: string;
  locale: Locale;
  parkedCount: number;
  /** Units on the shelf as far as this till knows, before this cart. */
  stockOf(productId: string): number | undefined;
  onQuantity(key: string, quantity: number): void;
  onRemove(key: string): void;
  onEdit(key: string): void;
  onOrderDiscount(): void;
  onPark(): void;
  onShowParked(): void;
  onClear(): void;
  onPay(): void;
}

export function CartPanel(props: CartPanelProps) {
  const { cart, totals, taxMode, currency, locale } = props;
  const t = salesText(locale);
  const money = (amount: number) => formatMoney(amount, currency, INTL_LOCALE[locale]);
  const discounts = totals.lineDiscountTotal + totals.orderDiscountTotal;
  const empty = cart.lines.length === 0;

  return (
    <section className="cart" aria-labelledby="cart-title" data-testid="cart">
      <header className="cart-header">
        <h2 id="cart-title">
          {t('cart')}{' '}
          <span className="muted">
            · {itemCount(cart) === 1 ? t('itemsOne') : t('items', { count: itemCount(cart) })}
          </span>
        </h2>
        <button type="button" className="button-secondary" onClick={props.onShowParked}>
          {t('parked', { count: props.parkedCount })}
        </button>
      </header>
      {empty ? (
        <p className="cart-empty">{t('cartEmpty')}</p>
      ) : (
        <ul className="cart-lines">
          {cart.lines.map((line, i) => (
            <CartLineRow
              key={line.key}
              line={line}
              gross={totals.lines[i]?.gross ?? 0}
              net={(totals.lines[i]?.gross ?? 0) - (totals.lines[i]?.lineDiscount ?? 0)}
              stock={props.stockOf(line.productId)}
              money={money}
              t={t}
              onQuantity={(q) => props.onQuantity(line.key, q)}
              onRemove={() => props.onRemove(line.key)}
              onEdit={() => props.onEdit(line.key)}
            />
          ))}
        </ul>
      )}
      <dl className="cart-totals">
        <div>
          <dt>{t('subtotal')}</dt>
          <dd>{money(totals.subtotal)}</dd>
        </div>
        {discounts > 0 && (
          <div>
            <dt>{t('discounts')}</dt>
            <dd>−{money(discounts)}</dd>
          </div>
        )}
        {totals.taxTotal > 0 && (
          <div className="muted">
            <dt>{taxMode === 'inclusive' ? t('tax') : t('taxExclusive')}</dt>
            <dd>{money(totals.taxTotal)}</dd>
          </div>
        )}
        <div className="cart-total">
          <dt>{t('total')}</dt>
          <dd data-testid="cart-total">{money(totals.total)}</dd>
        </div>
      </dl>
      <div className="cart-actions">
        <button
          type="button"
          className="button-secondary"
          disabled={empty}
          onClick={props.onOrderDiscount}
        >
          {t('orderDiscount')}
        </button>
        <button type="button" className="button-secondary" disabled={empty} onClick={props.onPark}>
          {t('park')}
        </button>
        <button type="button" className="button-secondary" disabled={empty} onClick={props.onClear}>
          {t('clearCart')}
        </button>
        <button type="button" className="pay-button" disabled={empty} onClick={props.onPay}>
          {t('pay', { amount: money(totals.total) })}
        </button>
      </div>
    </section>
  );
}

interface LineProps {
  line: CartLine;
  gross: number;
  net: number;
  stock: number | undefined;
  money(amount: number): string;
  t: ReturnType<typeof salesText>;
  onQuantity(quantity: number): void;
  onRemove(): void;
  onEdit(): void;
}

function CartLineRow({
  line,
  gross,
  net,
  stock,
  money,
  t,
  onQuantity,
  onRemove,
  onEdit,
}: LineProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commitDraft = () => {
    if (draft === null) return;
    const q = Number(draft);
    setDraft(null);
    if (Number.isSafeInteger(q) && q >= 1 && q <= MAX_QUANTITY) onQuantity(q);
  };
  const invalidDraft =
    draft !== null && !(/^\d+$/.test(draft) && Number(draft) >= 1 && Number(draft) <= MAX_QUANTITY);
  return (
    <li className="cart-line" data-testid="cart-line">
      <button
        type="button"
        className="cart-line-name button-link"
        onClick={onEdit}
        aria-label={t('edit', { name: line.name })}
      >
        <span>{line.name}</span>
        <span className="muted">
          {line.quantity} × {money(line.unitPrice)}
        </span>
        {isPriceOverridden(line) && (
          <span className="cart-line-note" data-testid="price-changed">
            {t('priceChanged', { price: money(line.catalogPrice ?? line.unitPrice) })}
          </span>
        )}
        {line.note && <span className="cart-line-note">{line.note}</span>}
      </button>
      <div className="cart-line-qty">
        <button
          type="button"
          className="stepper"
          disabled={line.quantity <= 1}
          onClick={() => onQuantity(line.quantity - 1)}
          aria-label={t('decrease', { name: line.name })}
        >
          −
        </button>
        <input
          className="qty-input"
          inputMode="numeric"
          aria-label={t('quantityOf', { name: line.name })}
          aria-invalid={invalidDraft}
          value={draft ?? String(line.quantity)}
          onChange={(e) => setDraft(e.target.value.replace(/\D/g, ''))}
          onBlur={commitDraft}
          onKeyDown={(e) => e.key === 'Enter' && commitDraft()}
        />
        <button
          type="button"
          className="stepper"
          disabled={line.quantity >= MAX_QUANTITY}
          onClick={() => onQuantity(line.quantity + 1)}
          aria-label={t('increase', { name: line.name })}
        >
          +
        </button>
      </div>
      <div className="cart-line-amount">
        {net !== gross && <s className="muted">{money(gross)}</s>}
        <span>{money(net)}</span>
      </div>
      <button
        type="button"
        className="button-link cart-line-remove"
        onClick={onRemove}
        aria-label={t('removeLine', { name: line.name })}
      >
        ✕
      </button>
      {stock !== undefined && line.quantity > stock && (
        <p className="cart-line-warning" role="status">
          {t('stockWarning', { name: line.name, count: stock })}
        </p>
      )}
    </li>
  );
}
