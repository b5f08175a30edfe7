import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { INTL_LOCALE } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { catalogText } from '../messages';
import type { Product } from '../model';

export interface ProductGridProps {
  products: readonly Product[];
  /** Units on the shelf as far as this till knows; undefined when the till has no level. */
  stockOf(productId: string): number | undefined;
  onPick(product: Product): void;
  locale: Locale;
  currency: string;
}

const TILE_MIN_WIDTH = 160;
const ROW_HEIGHT = 112;

/**
 * The product tiles, virtualized by rows: only the rows in view (and a few around) are in the
 * DOM, so a catalog of 50,000 scrolls as smoothly as one of 50.
 */
export function ProductGrid({ products, stockOf, onPick, locale, currency }: ProductGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(4);
  const t = catalogText(locale);

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? 0;
      if (width > 0) setColumns(Math.max(2, Math.floor(width / TILE_MIN_WIDTH)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const rows = Math.ceil(products.length / columns);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render by design
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    initialRect: { width: 800, height: 600 },
  });

  return (
    <div ref={scroller} className="product-grid" data-testid="product-grid">
      <ul
        className="product-grid-inner"
        style={{ height: virtualizer.getTotalSize() }}
        aria-label={t('products')}
      >
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            className="product-row"
            style={{
              transform: `translateY(${row.start}px)`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {products.slice(row.index * columns, row.index * columns + columns).map((p) => {
              const stock = stockOf(p.id);
              const price = formatMoney(p.price, currency, INTL_LOCALE[locale]);
              return (
                <button
                  key={p.id}
                  type="button"
                  className="product-tile"
                  onClick={() => onPick(p)}
                  aria-label={t('addProduct', { name: p.name, price })}
                  data-testid="product-tile"
                >
                  <span className="product-name">{p.name}</span>
                  <span className="product-price">{price}</span>
                  {stock !== undefined && (
                    <span className={stock <= 0 ? 'product-stock is-out' : 'product-stock'}>
                      {stock <= 0 ? t('outOfStock') : t('stock', { count: stock })}
                    </span>
                  )}
                </button>
              );
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
