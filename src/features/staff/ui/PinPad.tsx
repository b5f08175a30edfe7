import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { staffText } from '../messages';
import { PIN_MAX, PIN_MIN } from '../model';

export interface PinPadProps {
  locale: Locale;
  /** Checking or locked out: keys do nothing. */
  disabled: boolean;
  onSubmit(pin: string): void;
  /** Escape on a keyboard. */
  onCancel?: () => void;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * A PIN pad for fingers and for a physical keyboard alike (digits, Backspace, Enter, Escape are
 * heard anywhere on the page while the pad is shown). The digits are never rendered, only dots.
 */
export function PinPad({ locale, disabled, onSubmit, onCancel }: PinPadProps) {
  const [pin, setPin] = useState('');
  const t = staffText(locale);

  // Keyboard handlers read the latest state through a ref: the listener is installed once.
  const latest = useRef({ pin, disabled, onSubmit, onCancel });
  useEffect(() => {
    latest.current = { pin, disabled, onSubmit, onCancel };
  });

  const press = (digit: string) => {
    if (!disabled) setPin((p) => (p.length < PIN_MAX ? p + digit : p));
  };
  const erase = () => setPin((p) => p.slice(0, -1));
  const submit = () => {
    if (disabled || pin.length < PIN_MIN) return;
    onSubmit(pin);
    setPin('');
  };

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      // Keys typed into a field elsewhere on the page are that field's, not the PIN's.
      const target = event.target as HTMLElement | null;
      if (target?.closest?.('input, textarea, select, [contenteditable="true"]')) return;
      const { pin: current, disabled: off, onSubmit: send, onCancel: cancel } = latest.current;
      if (/^[0-9]$/.test(event.key)) {
        event.preventDefault();
        if (!off) setPin((p) => (p.length < PIN_MAX ? p + event.key : p));
      } else if (event.key === 'Backspace') {
        event.preventDefault();
        setPin((p) => p.slice(0, -1));
      } else if (event.key === 'Enter') {
        // A focused button handles its own Enter; only take Enter meant for the pad.
        if (event.target instanceof HTMLButtonElement) return;
        event.preventDefault();
        if (!off && current.length >= PIN_MIN) {
          send(current);
          setPin('');
        }
      } else if (event.key === 'Escape') {
        cancel?.();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="pin-pad" data-testid="pin-pad">
      <div
        className="pin-dots"
        role="status"
        aria-live="polite"
        aria-label={t('digitsEntered', { count: pin.length })}
      >
        {Array.from({ length: PIN_MAX }, (_, i) => (
          <span
            key={i}
            className={i < pin.length ? 'pin-dot pin-dot-filled' : 'pin-dot'}
            aria-hidden="true"
          />
        ))}
      </div>
      <div className="pin-keys">
        {KEYS.map((k) => (
          <button key={k} type="button" disabled={disabled} onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button
          type="button"
          className="button-secondary"
          onClick={erase}
          disabled={disabled || pin.length === 0}
          aria-label={t('clear')}
        >
          ⌫
        </button>
        <button type="button" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          className="button-accent"
          onClick={submit}
          disabled={disabled || pin.length < PIN_MIN}
        >
          {t('submit')}
        </button>
      </div>
    </div>
  );
}
