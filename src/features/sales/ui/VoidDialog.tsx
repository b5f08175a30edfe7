import { useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { errorText, salesText } from '../messages';
import { Dialog } from './Dialog';

export interface VoidDialogProps {
  receiptNo: string;
  locale: Locale;
  onVoid(reason: string): Promise<void>;
  onClose(): void;
}

export function VoidDialog({ receiptNo, locale, onVoid, onClose }: VoidDialogProps) {
  const t = salesText(locale);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await onVoid(reason.trim());
      onClose();
    } catch (e) {
      setError(errorText(e, locale));
      setBusy(false);
    }
  }
  return (
    <Dialog title={t('voidTitle', { receipt: receiptNo })} onClose={onClose} testId="void-dialog">
      <div className="field">
        <label htmlFor="void-reason">{t('voidReason')}</label>
        <input
          id="void-reason"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="button-danger"
          disabled={reason.trim() === '' || busy}
          onClick={() => void submit()}
        >
          {t('voidConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
