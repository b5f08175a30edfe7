import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}

/**
 * A modal dialog: focus moves into it on open and back where it was on close, Escape closes it,
 * and Tab stays inside.
 */
export function Dialog({ title, onClose, children, wide, testId }: DialogProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const el = box.current;
    const first = el?.querySelector<HTMLElement>('[autofocus], input, select, textarea, button');
    (first ?? el)?.focus();
    function onKey(event: KeyboardEvent) {
      // Only the dialog that holds focus answers: a dialog opened over another closes alone.
      if (!el?.contains(document.activeElement)) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
      } else if (event.key === 'Tab') {
        const items = [
          ...el.querySelectorAll<HTMLElement>('input, select, textarea, button, [href]'),
        ].filter((i) => !i.hasAttribute('disabled'));
        const [head, tail] = [items[0], items.at(-1)];
        if (event.shiftKey && document.activeElement === head) {
          event.preventDefault();
          tail?.focus();
        } else if (!event.shiftKey && document.activeElement === tail) {
          event.preventDefault();
          head?.focus();
        }
      }
    }
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, []);

  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={wide ? 'dialog dialog-wide' : 'dialog'}
        tabIndex={-1}
        data-testid={testId}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
