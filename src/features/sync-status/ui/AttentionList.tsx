import { formatDateTime, type Locale } from '../../../lib/i18n';
import type { AttentionEntry } from '../../../data/types';
import { syncText, type SyncMessage } from '../messages';
import { adviceFor, receiptOf } from '../model';

export interface AttentionListProps {
  locale: Locale;
  entries: readonly AttentionEntry[];
  timeZone?: string | undefined;
}

/** Rejected mutations with the server's code and reason, and what a person should do. */
export function AttentionList({ locale, entries, timeZone }: AttentionListProps) {
  const t = syncText(locale);
  return (
    <section className="card" aria-labelledby="attention-title" data-testid="attention-list">
      <h2 id="attention-title">{t('attentionTitle')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('attentionEmpty')}</p>
      ) : (
        <>
          <p className="muted">{t('attentionIntro')}</p>
          <ul className="attention-list">
            {entries.map((a) => {
              const receipt = receiptOf(a.entry.payload);
              const kindKey = `kind.${a.entry.kind}` as SyncMessage;
              return (
                <li key={a.id} className="attention-item">
                  <p className="attention-head">
                    <strong>{t(kindKey)}</strong>
                    {receipt && <span> · {t('receipt', { no: receipt })}</span>}
                    <span className="muted">
                      {' '}
                      ·{' '}
                      <time dateTime={a.rejectedAt}>
                        {formatDateTime(a.rejectedAt, locale, timeZone)}
                      </time>
                    </span>
                  </p>
                  <dl className="facts">
                    <dt>{t('code')}</dt>
                    <dd className="mono">{a.code}</dd>
                    {a.message && (
                      <>
                        <dt>{t('serverSays')}</dt>
                        <dd>{a.message}</dd>
                      </>
                    )}
                    <dt>{t('whatToDo')}</dt>
                    <dd>{t(`advice.${adviceFor(a.code)}`)}</dd>
                  </dl>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
