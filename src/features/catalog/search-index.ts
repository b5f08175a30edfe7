import { barcodeVariants, fold, type Product } from './model';

/**
 * The till's product search: built once from the replica, queried on every keystroke. Pure data
 * and typed arrays, no DOM, so the same code runs in the page, in Node tests and in the bench.
 *
 * A query matches a product when every word of the query is the start of some word of the
 * product's name, SKU or barcodes, all folded (case, diacritics, punctuation). Matches rank in
 * tiers: an exact barcode or SKU first, then names that start with the whole query, then the
 * rest; within a tier, by name.
 *
 * Layout: every distinct word, sorted, with the products that contain it stored contiguously in
 * one Int32Array (`postings`, bounded by `offsets`). The words that start with a prefix form one
 * run of that sorted list, so their products are one slice of `postings` and its length (how
 * selective a query word is) costs two binary searches. A query walks the slice of its most
 * selective word and checks the others against each candidate's folded text.
 */

export interface SearchOptions {
  /** At most this many products come back (the total still counts them all). */
  limit?: number;
  /** Only products in this category. */
  categoryId?: string | null;
}

export interface SearchResult {
  products: Product[];
  /**
   * How many products match in all, beyond the limit too; when `more` is set, at least this
   * many (a one-letter query stops counting once the page is full).
   */
  total: number;
  more: boolean;
  /** The query was exactly a barcode or SKU of products[0]. */
  exactCode: boolean;
}

export interface SearchIndex {
  readonly size: number;
  /** Products in index order (by name). */
  readonly products: readonly Product[];
  search(query: string, options?: SearchOptions): SearchResult;
  /** The product a scanned barcode or typed SKU names, if any. */
  byCode(code: string): Product | undefined;
  /** Every product of a category (null: all), by name. */
  inCategory(categoryId: string | null): readonly Product[];
}

const DEFAULT_LIMIT = 200;
/**
 * Above this many candidate postings a query is "broad" (one letter, a shared code prefix): it
 * fills its page in rank order and stops instead of ranking every match.
 */
const BROAD = 4096;

const codeKey = (code: string): string =>
  /^\d+$/.test(code) ? code : fold(code).replace(/ /g, '');

/** First position in the sorted `words` whose word is ≥ key. */
function lowerBound(words: readonly string[], key: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildSearchIndex(input: readonly Product[]): SearchIndex {
  const folded = input.map((p) => ({ p, name: fold(p.name) }));
  folded.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0,
  );
  const n = folded.length;
  const products = folded.map((f) => f.p);
  const names = folded.map((f) => f.name);
  // " word word …": a query word matches a word start where " " + word occurs.
  const haystacks = new Array<string>(n);
  // Most words (codes) belong to one product: they map to that product's position, and only
  // shared words get an array, which spares the collector a hundred thousand tiny arrays.
  const byWord = new Map<string, number | number[]>();
  const byCodeMap = new Map<string, number>();
  // Products are visited in index order, so "already listed for this product" is a look at the
  // end of the word's list: no per-product set of words is needed.
  const post = (w: string, i: number) => {
    if (w === '') return;
    const list = byWord.get(w);
    if (list === undefined) byWord.set(w, i);
    else if (typeof list === 'number') {
      if (list !== i) byWord.set(w, [list, i]);
    } else if (list[list.length - 1] !== i) list.push(i);
  };
  // The first product to claim a code keeps it: barcodes are meant to be unique per tenant.
  const claim = (code: string, i: number) => {
    if (code !== '' && !byCodeMap.has(code)) byCodeMap.set(code, i);
  };
  for (let i = 0; i < n; i++) {
    const { p, name } = folded[i]!;
    let hay = ` ${name}`;
    for (const w of name.split(' ')) post(w, i);
    for (const b of p.barcodes) {
      const code = codeKey(b);
      post(code, i);
      claim(code, i);
      hay += ` ${code}`;
    }
    if (p.sku !== null) {
      const sku = fold(p.sku);
      const compact = sku.replace(/ /g, '');
      for (const w of sku.split(' ')) post(w, i);
      post(compact, i);
      claim(compact, i);
      hay += ` ${sku} ${compact}`;
    }
    haystacks[i] = hay;
  }

  const words = [...byWord.keys()].sort();
  const offsets = new Int32Array(words.length + 1);
  const lists = words.map((w) => byWord.get(w)!);
  let total = 0;
  lists.forEach((list, i) => {
    offsets[i] = total;
    total += typeof list === 'number' ? 1 : list.length;
  });
  offsets[words.length] = total;
  const postings = new Int32Array(total);
  lists.forEach((list, i) => {
    if (typeof list === 'number') postings[offsets[i]!] = list;
    else postings.set(list, offsets[i]!);
  });
  byWord.clear();

  // Scratch space reused by every query: a generation stamp per product for de-duplication (a
  // product can hold two words with the same prefix), so nothing is cleared between queries,
  // and one buffer of matches.
  const visited = new Uint32Array(n);
  let generation = 0;
  const hits = new Int32Array(n);
  const categoryCache = new Map<string | null, readonly Product[]>();

  function lookupCode(code: string): number | undefined {
    for (const variant of barcodeVariants(code)) {
      const i = byCodeMap.get(codeKey(variant));
      if (i !== undefined) return i;
    }
    return undefined;
  }

  /** Positions (in name order) of the products whose names start with the whole query. */
  function namePrefixRange(q: string): [number, number] {
    return [lowerBound(names, q), lowerBound(names, `${q}\uffff`)];
  }

  function search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const category = options.categoryId ?? null;
    const q = fold(query);
    if (q === '') return { products: [], total: 0, more: false, exactCode: false };
    const tokens = [...new Set(q.split(' '))];

    let driver = -1;
    let from = 0;
    let to = 0;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      const lo = offsets[lowerBound(words, token)]!;
      const hi = offsets[lowerBound(words, `${token}\uffff`)]!;
      if (driver === -1 || hi - lo < to - from) {
        driver = t;
        from = lo;
        to = hi;
      }
    }
    const others = tokens.filter((_, t) => t !== driver).map((t) => ` ${t}`);
    const exact = lookupCode(query.trim());
    const exactProduct =
      exact !== undefined && (category === null || products[exact]!.categoryId === category)
        ? products[exact]
        : undefined;

    if (generation === 0xffffffff) {
      visited.fill(0);
      generation = 0;
    }
    const g = ++generation;
    const found: Product[] = exactProduct !== undefined && limit > 0 ? [exactProduct] : [];
    const [a, b] = namePrefixRange(q);
    const accepts = (i: number): boolean => {
      if (visited[i] === g) return false;
      visited[i] = g;
      if (i === exact || (category !== null && products[i]!.categoryId !== category)) {
        return false;
      }
      if (others.length === 0) return true;
      const hay = haystacks[i]!;
      for (let o = 0; o < others.length; o++) if (!hay.includes(others[o]!)) return false;
      return true;
    };

    if (to - from > BROAD) {
      // Names that start with the query, in name order, then the rest in word order, until the
      // page is full. Every name in [a, b) matches, since it starts with every query word.
      for (let i = a; i < b && found.length < limit; i++) if (accepts(i)) found.push(products[i]!);
      for (let k = from; k < to && found.length < limit; k++) {
        const i = postings[k]!;
        if (accepts(i)) found.push(products[i]!);
      }
      const more = found.length >= limit;
      return { products: found, total: found.length, more, exactCode: exactProduct !== undefined };
    }

    let count = 0;
    for (let k = from; k < to; k++) {
      const i = postings[k]!;
      if (accepts(i)) hits[count++] = i;
    }
    // Position = name order: names that start with the query first, then the others.
    const ranked = hits.subarray(0, count).sort();
    for (let r = 0; r < count && found.length < limit; r++) {
      const i = ranked[r]!;
      if (i >= a && i < b) found.push(products[i]!);
    }
    for (let r = 0; r < count && found.length < limit; r++) {
      const i = ranked[r]!;
      if (i < a || i >= b) found.push(products[i]!);
    }
    return {
      products: found,
      total: count + (exactProduct === undefined ? 0 : 1),
      more: false,
      exactCode: exactProduct !== undefined,
    };
  }

  return {
    size: n,
    products,
    search,
    byCode(code) {
      const i = lookupCode(code);
      return i === undefined ? undefined : products[i];
    },
    inCategory(categoryId) {
      if (categoryId === null) return products;
      let list = categoryCache.get(categoryId);
      if (list === undefined) {
        list = products.filter((p) => p.categoryId === categoryId);
        categoryCache.set(categoryId, list);
      }
      return list;
    },
  };
}
