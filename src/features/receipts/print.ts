import type { PaperWidth } from './model';

const STYLE_ID = 'receipt-page-size';

/**
 * Prints the receipt on thermal paper: the page is the roll's width and as long as the receipt,
 * with no margins, so the browser prints no header or footer. @page cannot be chosen by class,
 * so the rule is put in place for this print and removed after it.
 */
export function printReceipt(paper: PaperWidth): void {
  document.getElementById(STYLE_ID)?.remove();
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = `@page { size: ${paper}mm auto; margin: 0; }`;
  document.head.append(style);
  document.documentElement.dataset.paper = String(paper);
  const cleanup = () => {
    style.remove();
    delete document.documentElement.dataset.paper;
    window.removeEventListener('afterprint', cleanup);
  };
  window.addEventListener('afterprint', cleanup);
  window.print();
}
