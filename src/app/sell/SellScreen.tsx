import { useEffect, useMemo, useRef, useState } from 'react';
import { looksLikeBarcode, type Product } from '../../features/catalog/model';
import { CameraScanner, hasCameraScanning } from '../../features/catalog/ui/CameraScanner';
import { useBarcodeWedge } from '../../features/catalog/ui/useBarcodeWedge';
import { errorText, salesText } from '../../features/sales/messages';
import {
  cartTotals,
  setLineDiscount,
  setLinePrice,
  setOrderDiscount,
  type Cart,
  type Permission,
} from '../../features/sales/model';
import { staffPermissions } from '../../features/sales/permissions';
import { toPayments, type TenderEntry } from '../../features/sales/tender';
import { CartPanel } from '../../features/sales/ui/CartPanel';
import { DiscountEditor } from '../../features/sales/ui/DiscountEditor';
import { ParkedList } from '../../features/sales/ui/ParkedList';
import { PayPanel } from '../../features/sales/ui/PayPanel';
import { may } from '../../features/staff/slice';
import { DomainError } from '../../lib/errors';
import { db } from '../db';
import { useAppStore } from '../store';
import { useTillContext } from '../till-context';
import { useOnline } from '../useOnline';
import { HistoryPanel } from './HistoryPanel';
import { useManagerApproval } from './ManagerApproval';
import { ReceiptScreen } from './ReceiptScreen';
import { CatalogPane, type Notice } from './CatalogPane';
import { useSellCatalog } from './use-sell-catalog';
import './sell.css';

type View =
  { kind: 'sell' } | { kind: 'pay' } | { kind: 'receipt'; saleId: string } | { kind: 'history' };
type Editing = { kind: 'line'; key: string } | { kind: 'order' } | null;

/** The till's selling screen: catalog, cart, payment, receipt and today's sales. */
export function SellScreen() {
  const ctx = useTillContext();
  const online = useOnline();
  const locale = useAppStore((s) => s.locale);
  const staff = useAppStore((s) => s.unlockedStaff);
  const currency = ctx?.settings.currency ?? 'IDR';
  const taxMode = ctx?.settings.taxMode ?? 'inclusive';
  const roundingStep = ctx?.settings.cashRoundingStep ?? 0;
  const { searchIndex, categories, catalogStatus, stockOf } = useSellCatalog();
  const cart = useAppStore((s) => s.cart);
  const parked = useAppStore((s) => s.parked);
  const actions = useAppStore.getState();
  const ts = salesText(locale);

  const [view, setView] = useState<View>({ kind: 'sell' });
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [showParked, setShowParked] = useState(false);
  const [camera, setCamera] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const { requestApproval, approvalDialog } = useManagerApproval(locale);

  useEffect(() => {
    void useAppStore.getState().restoreCarts(db);
  }, []);

  const totals = useMemo(
    () => cartTotals(cart, { taxMode, cashRoundingStep: roundingStep }),
    [cart, taxMode, roundingStep],
  );

  const results = useMemo(() => {
    if (!searchIndex) return { products: [] as readonly Product[], total: 0, more: false };
    if (query.trim() === '') {
      const list = searchIndex.inCategory(category);
      return { products: list, total: list.length, more: false };
    }
    return searchIndex.search(query, { categoryId: category, limit: 500 });
  }, [searchIndex, query, category]);

  function attempt(change: () => void): boolean {
    try {
      change();
      return true;
    } catch (e) {
      setNotice({ tone: 'error', text: errorText(e, locale) });
      return false;
    }
  }

  function add(product: Product) {
    if (!attempt(() => actions.addToCart(product))) return;
    const inCart = useAppStore
      .getState()
      .cart.lines.filter((l) => l.productId === product.id)
      .reduce((n, l) => n + l.quantity, 0);
    const stock = stockOf(product.id);
    setNotice(
      stock !== undefined && inCart > stock
        ? { tone: 'warn', text: ts('stockWarning', { name: product.name, count: stock }) }
        : { tone: 'info', text: ts('added', { name: product.name }) },
    );
  }

  function scan(code: string) {
    const product = searchIndex?.byCode(code.trim());
    if (product) add(product);
    else setNotice({ tone: 'error', text: ts('unknownBarcode', { code }), searchFor: code });
  }
  useBarcodeWedge(
    scan,
    (view.kind === 'sell' || view.kind === 'pay') && editing === null && !showParked && !camera,
  );

  function submitSearch(text: string) {
    if (text.trim() === '' || !searchIndex) return;
    const exact = searchIndex.byCode(text.trim());
    if (exact) {
      add(exact);
      setQuery('');
    } else if (results.products.length === 1) {
      add(results.products[0]!);
      setQuery('');
    } else if (looksLikeBarcode(text)) {
      setNotice({ tone: 'error', text: ts('unknownBarcode', { code: text.trim() }) });
    }
  }

  /**
   * Discounts need discount.override and a changed price needs price.override: the member's own,
   * the cart's approver's if they hold it, or a manager's given on the spot.
   */
  async function withApproval(
    permission: Permission,
    needed: boolean,
    check: (current: Cart) => unknown,
    apply: () => void,
  ) {
    // Refuse what the rules refuse before a manager is troubled for a PIN.
    check(useAppStore.getState().cart);
    if (!needed || may(staff, permission)) return apply();
    const approved = useAppStore.getState().cart.approverStaffId;
    if (approved && (await staffPermissions(db, approved)).includes(permission)) return apply();
    const answer = await requestApproval({ permission });
    if (!answer) throw new DomainError('approval_required');
    apply();
    actions.setCartApprover(answer.approverStaffId);
  }

  async function complete(entries: TenderEntry[]) {
    if (!ctx) throw new DomainError('invalid_input');
    const sale = await actions.checkout(ctx, { payments: toPayments(entries) });
    setNotice(null);
    setView({ kind: 'receipt', saleId: sale.id });
  }

  if (view.kind === 'receipt' || view.kind === 'history') {
    return (
      <div className="sell-screen" data-testid="sell-screen">
        <div className="sell-toolbar">
          <button
            type="button"
            className="button-secondary"
            onClick={() => setView({ kind: 'sell' })}
          >
            {view.kind === 'receipt' ? ts('newSale') : `← ${ts('backToSell')}`}
          </button>
          {view.kind === 'receipt' && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => setView({ kind: 'history' })}
            >
              {ts('history')}
            </button>
          )}
        </div>
        {view.kind === 'receipt' ? (
          <ReceiptScreen
            saleId={view.saleId}
            locale={locale}
            outletId={ctx?.device.outletId}
            cashier={staff?.name ?? null}
          />
        ) : ctx ? (
          <HistoryPanel
            ctx={ctx}
            locale={locale}
            currency={currency}
            requestApproval={requestApproval}
            onReceipt={(saleId) => setView({ kind: 'receipt', saleId })}
          />
        ) : null}
        {approvalDialog}
      </div>
    );
  }

  const editingLine =
    editing?.kind === 'line' ? cart.lines.find((l) => l.key === editing.key) : undefined;

  return (
    <div
      className={
        view.kind === 'pay' ? 'sell-screen sell-layout is-paying' : 'sell-screen sell-layout'
      }
      data-testid="sell-screen"
    >
      {view.kind === 'pay' ? (
        <PayPanel
          totals={totals}
          currency={currency}
          locale={locale}
          online={online}
          onComplete={complete}
          onBack={() => setView({ kind: 'sell' })}
        />
      ) : (
        <CatalogPane
          locale={locale}
          currency={currency}
          query={query}
          onQuery={setQuery}
          onSubmit={submitSearch}
          onCamera={hasCameraScanning() ? () => setCamera(true) : undefined}
          searchRef={searchRef}
          categories={categories}
          category={category}
          onCategory={setCategory}
          notice={notice}
          onSearchFor={(code) => {
            setQuery(code);
            setNotice(null);
            searchRef.current?.focus();
          }}
          status={
            catalogStatus === 'loading' ? 'loading' : searchIndex?.size === 0 ? 'empty' : 'ready'
          }
          results={results}
          stockOf={stockOf}
          onPick={add}
          onHistory={() => setView({ kind: 'history' })}
        />
      )}
      <CartPanel
        cart={cart}
        totals={totals}
        taxMode={taxMode}
        currency={currency}
        locale={locale}
        parkedCount={parked.length}
        stockOf={stockOf}
        onQuantity={(key, q) => attempt(() => actions.setLineQuantity(key, q))}
        onRemove={(key) => attempt(() => actions.removeLine(key))}
        onEdit={(key) => setEditing({ kind: 'line', key })}
        onOrderDiscount={() => setEditing({ kind: 'order' })}
        onPark={() => attempt(() => actions.parkCart())}
        onShowParked={() => setShowParked(true)}
        onClear={() => actions.clearCart()}
        onPay={() => setView({ kind: 'pay' })}
      />
      {editingLine && (
        <DiscountEditor
          title={editingLine.name}
          discount={editingLine.discount}
          note={editingLine.note}
          price={{
            unit: editingLine.unitPrice,
            catalog: editingLine.catalogPrice ?? editingLine.unitPrice,
          }}
          currency={currency}
          locale={locale}
          onClose={() => setEditing(null)}
          onRemove={() => {
            attempt(() => actions.removeLine(editingLine.key));
            setEditing(null);
          }}
          onSave={async (discount, note, price) => {
            const key = editingLine.key;
            if (price !== null && price !== editingLine.unitPrice) {
              // Only a price other than the catalog's is an override; going back needs nobody.
              const catalog = editingLine.catalogPrice ?? editingLine.unitPrice;
              await withApproval(
                'price.override',
                price !== catalog,
                (c) => setLinePrice(c, key, price),
                () => actions.setLinePrice(key, price),
              );
            }
            await withApproval(
              'discount.override',
              discount !== null,
              (c) => setLineDiscount(c, editingLine.key, discount),
              () => {
                actions.setLineDiscount(editingLine.key, discount);
                actions.setLineNote(editingLine.key, note ?? '');
              },
            );
          }}
        />
      )}
      {editing?.kind === 'order' && (
        <DiscountEditor
          title={ts('orderDiscount')}
          discount={cart.orderDiscount}
          currency={currency}
          locale={locale}
          onClose={() => setEditing(null)}
          onSave={(discount) =>
            withApproval(
              'discount.override',
              discount !== null,
              (c) => setOrderDiscount(c, discount),
              () => actions.setOrderDiscount(discount),
            )
          }
        />
      )}
      {showParked && (
        <ParkedList
          parked={parked}
          locale={locale}
          onResume={(id) => {
            actions.resumeParked(id);
            setShowParked(false);
          }}
          onDrop={(id) => actions.dropParked(id)}
          onClose={() => setShowParked(false)}
        />
      )}
      {camera && <CameraScanner onScan={scan} onClose={() => setCamera(false)} locale={locale} />}
      {approvalDialog}
    </div>
  );
}
