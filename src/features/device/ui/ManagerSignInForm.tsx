import type { Locale } from '../../../lib/i18n';
import { EmailPasswordForm } from '../../../ui/EmailPasswordForm';
import { deviceText } from '../messages';

export interface ManagerSignInFormProps {
  locale: Locale;
  busy: boolean;
  error: string | null;
  onSubmit(email: string, password: string): void;
  onUseCode(): void;
}

export function ManagerSignInForm({
  locale,
  busy,
  error,
  onSubmit,
  onUseCode,
}: ManagerSignInFormProps) {
  const t = deviceText(locale);
  return (
    <EmailPasswordForm
      testId="manager-sign-in"
      titleId="pair-title"
      title={t('title')}
      intro={t('intro')}
      labels={{
        email: t('email'),
        password: t('password'),
        submit: t('signIn'),
        busy: t('working'),
      }}
      busy={busy}
      error={error}
      onSubmit={onSubmit}
      extraActions={
        <button type="button" className="button-link" onClick={onUseCode} disabled={busy}>
          {t('haveCode')}
        </button>
      }
    />
  );
}
