import type { RefObject } from 'react';
import { catalogText } from '../../features/catalog/messages';
import type { Category, Product } from '../../features/catalog/model';
import { CategoryBar } from '../../features/catalog/ui/CategoryBar';
import { ProductGrid } from '../../features/catalog/ui/ProductGrid';
import { SearchBar } from '../../features/catalog/ui/SearchBar';
import { salesText } from '../../features/sales/messages';
import type { Locale } from '../../lib/i18n';

export type Notice = { tone: 'info' | 'warn' | 'error'; text: string; searchFor?: string };

export interface CatalogPaneProps {
  locale: Locale;
  currency: string;
  query: string;
  onQuery(query: string): void;
  onSubmit(query: string): void;
  onCamera: (() => void) | undefined;
  searchRef: RefObject<HTMLInputElement | null>;
  categories: readonly Category[];
  category: string | null;
  onCategory(categoryId: string | null): void;
  notice: Notice | null;
  /** "Search for it instead" after an unknown barcode. */
  onSearchFor(code: string): void;
  status: 'loading' | 'empty' | 'ready';
  results: { products: readonly Product[]; total: number; more: boolean };
  stockOf(productId: string): number | undefined;
  onPick(product: Product): void;
  onHistory(): void;
}

/** The left side of the selling screen: search, categories, what just happened, the tiles. */
export function CatalogPane(props: CatalogPaneProps) {
  const { locale, query, results, notice } = props;
  const tc = catalogText(locale);
  const ts = salesText(locale);
  const count =
    props.status === 'loading'
      ? tc('loading')
      : props.status === 'empty'
        ? tc('emptyCatalog')
        : query.trim() !== '' && results.total === 0
          ? tc('noResults', { query })
          : results.more
            ? tc('resultsMore', { count: results.total })
            : results.total === 1
              ? tc('resultsOne')
              : tc('results', { count: results.total });
  return (
    <section className="catalog" aria-label={tc('products')}>
      <div className="sell-toolbar">
        <SearchBar
          query={query}
          onQuery={props.onQuery}
          onSubmit={props.onSubmit}
          onCamera={props.onCamera}
          inputRef={props.searchRef}
          locale={locale}
        />
        <button type="button" className="button-secondary" onClick={props.onHistory}>
          {ts('history')}
        </button>
      </div>
      <CategoryBar
        categories={props.categories}
        selected={props.category}
        onSelect={props.onCategory}
        locale={locale}
      />
      {notice && (
        <div
          className={`notice notice-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
        >
          <span>{notice.text}</span>
          {notice.searchFor !== undefined && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => props.onSearchFor(notice.searchFor ?? '')}
            >
              {ts('searchInstead', { code: notice.searchFor })}
            </button>
          )}
        </div>
      )}
      <p className="muted results-count" aria-live="polite">
        {count}
      </p>
      <ProductGrid
        products={results.products}
        stockOf={props.stockOf}
        onPick={props.onPick}
        locale={locale}
        currency={props.currency}
      />
    </section>
  );
}
