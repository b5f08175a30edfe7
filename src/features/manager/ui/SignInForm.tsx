import type { Locale } from '../../../lib/i18n';
import { EmailPasswordForm } from '../../../ui/EmailPasswordForm';
import { managerText } from '../messages';

export interface SignInFormProps {
  locale: Locale;
  busy: boolean;
  error: string | null;
  onSubmit(email: string, password: string): void;
}

export function SignInForm({ locale, busy, error, onSubmit }: SignInFormProps) {
  const t = managerText(locale);
  return (
    <EmailPasswordForm
      className="manager-signin"
      testId="manager-signin"
      titleId="manager-signin-title"
      title={t('signInTitle')}
      intro={t('signInIntro')}
      labels={{
        email: t('email'),
        password: t('password'),
        submit: t('signIn'),
        busy: t('signingIn'),
      }}
      busy={busy}
      error={error}
      onSubmit={onSubmit}
    />
  );
}
