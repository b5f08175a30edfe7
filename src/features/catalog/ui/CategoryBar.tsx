import type { Locale } from '../../../lib/i18n';
import { catalogText } from '../messages';
import type { Category } from '../model';

export interface CategoryBarProps {
  categories: readonly Category[];
  selected: string | null;
  onSelect(categoryId: string | null): void;
  locale: Locale;
}

export function CategoryBar({ categories, selected, onSelect, locale }: CategoryBarProps) {
  const t = catalogText(locale);
  const item = (id: string | null, name: string) => (
    <li key={id ?? 'all'}>
      <button
        type="button"
        className="chip"
        aria-pressed={selected === id}
        onClick={() => onSelect(id)}
      >
        {name}
      </button>
    </li>
  );
  return (
    <nav aria-label={t('categories')} className="category-bar">
      <ul>
        {item(null, t('allCategories'))}
        {categories.map((c) => item(c.id, c.name))}
      </ul>
    </nav>
  );
}
