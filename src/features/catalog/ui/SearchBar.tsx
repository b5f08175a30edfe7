import { useId, type RefObject } from 'react';
import type { Locale } from '../../../lib/i18n';
import { catalogText } from '../messages';

export interface SearchBarProps {
  query: string;
  onQuery(query: string): void;
  /** Enter in the box: take the best match (a typed barcode or SKU adds its product). */
  onSubmit(query: string): void;
  onCamera?: (() => void) | undefined;
  inputRef?: RefObject<HTMLInputElement | null>;
  locale: Locale;
}

export function SearchBar({
  query,
  onQuery,
  onSubmit,
  onCamera,
  inputRef,
  locale,
}: SearchBarProps) {
  const t = catalogText(locale);
  const id = useId();
  return (
    <div className="search-bar" role="search">
      <label htmlFor={id} className="visually-hidden">
        {t('searchLabel')}
      </label>
      <input
        id={id}
        ref={inputRef}
        type="search"
        value={query}
        placeholder={t('searchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            onSubmit(query);
          } else if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            onQuery('');
          }
        }}
      />
      {query !== '' && (
        <button type="button" className="button-link" onClick={() => onQuery('')}>
          <span aria-hidden="true">✕</span>
          <span className="visually-hidden">{t('clearSearch')}</span>
        </button>
      )}
      {onCamera && (
        <button type="button" className="button-link" onClick={onCamera}>
          <span aria-hidden="true">📷</span>
          <span className="visually-hidden">{t('scanCamera')}</span>
        </button>
      )}
    </div>
  );
}
