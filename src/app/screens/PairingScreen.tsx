import type { SupabaseClient } from '@supabase/supabase-js';
import { useState } from 'react';
import { deviceErrorText, deviceText } from '../../features/device/messages';
import { DeviceError, type DeviceIdentity } from '../../features/device/model';
import {
  claimTill,
  firstSync,
  registerTill,
  signInManager,
  signOutManager,
  type ManagerSession,
  type PairingEnv,
} from '../../features/device/pairing';
import { FirstSyncProgress } from '../../features/device/ui/FirstSyncProgress';
import { ManagerSignInForm } from '../../features/device/ui/ManagerSignInForm';
import { PairingCodeForm } from '../../features/device/ui/PairingCodeForm';
import { TillSetupForm } from '../../features/device/ui/TillSetupForm';
import { isDomainError } from '../../lib/errors';
import { resolveServerConfig } from '../config';
import { db } from '../db';
import { enterPaired } from '../runtime';
import { useAppStore } from '../store';
import { APP_VERSION } from '../version';

type Step =
  | { kind: 'sign-in' }
  | { kind: 'code'; code: string }
  | { kind: 'setup'; env: PairingEnv; manager: ManagerSession }
  | {
      kind: 'download';
      client: SupabaseClient;
      device: DeviceIdentity;
      fraction: number;
      rows: number;
      failed: boolean;
    };

const codeOf = (err: unknown): string => (isDomainError(err) ? err.code : DeviceError.SERVER);

async function pairingEnv(): Promise<PairingEnv> {
  return { db, config: await resolveServerConfig(), appVersion: APP_VERSION };
}

/**
 * Pairing, screen by screen: manager sign-in (or a code a manager gave), outlet and till name,
 * then the first download with its progress. The steps' work is in features/device/pairing.ts.
 */
export function PairingScreen() {
  const locale = useAppStore((s) => s.locale);
  const repairing = useAppStore((s) => s.repairing);
  const t = deviceText(locale);
  const [step, setStep] = useState<Step>({ kind: 'sign-in' });
  const [busy, setBusy] = useState(false);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const error = errorCode && deviceErrorText(locale, errorCode);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setErrorCode(null);
    try {
      await work();
    } catch (err) {
      setErrorCode(codeOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function download(client: SupabaseClient, device: DeviceIdentity) {
    setStep({ kind: 'download', client, device, fraction: 0, rows: 0, failed: false });
    const outcome = await firstSync(db, client, (fraction, rows) =>
      setStep((s) => (s.kind === 'download' ? { ...s, fraction, rows } : s)),
    );
    if (outcome.kind === 'ok') await enterPaired(device, client);
    else setStep((s) => (s.kind === 'download' ? { ...s, failed: true } : s));
  }

  async function claim(env: PairingEnv, code: string) {
    let paired: Awaited<ReturnType<typeof claimTill>>;
    try {
      paired = await claimTill(env, code);
    } catch (err) {
      // Keep the code on screen: the manager is signed out by now, and an unused code still works.
      setStep({ kind: 'code', code });
      throw err;
    }
    await download(paired.client, paired.device);
  }

  return (
    <div className="pairing" data-testid="pairing">
      {repairing && (
        <div className="banner banner-danger" role="status">
          <p>{t('repairNotice')}</p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => useAppStore.getState().setRepairing(false)}
          >
            {t('backToTill')}
          </button>
        </div>
      )}
      {step.kind === 'sign-in' && (
        <ManagerSignInForm
          locale={locale}
          busy={busy}
          error={error}
          onUseCode={() => {
            setErrorCode(null);
            setStep({ kind: 'code', code: '' });
          }}
          onSubmit={(email, password) =>
            void run(async () => {
              const env = await pairingEnv();
              setStep({ kind: 'setup', env, manager: await signInManager(env, email, password) });
            })
          }
        />
      )}
      {step.kind === 'code' && (
        <PairingCodeForm
          locale={locale}
          busy={busy}
          error={error}
          initialCode={step.code}
          onBack={() => {
            setErrorCode(null);
            setStep({ kind: 'sign-in' });
          }}
          onSubmit={(code) => void run(async () => claim(await pairingEnv(), code))}
        />
      )}
      {step.kind === 'setup' && (
        <TillSetupForm
          locale={locale}
          outlets={step.manager.outlets}
          busy={busy}
          error={error}
          onCancel={() => {
            void signOutManager(step.manager.client);
            setErrorCode(null);
            setStep({ kind: 'sign-in' });
          }}
          onSubmit={(outletId, name) =>
            void run(async () => {
              const { pairingCode } = await registerTill(step.manager.client, outletId, name);
              await signOutManager(step.manager.client);
              await claim(step.env, pairingCode);
            })
          }
        />
      )}
      {step.kind === 'download' && (
        <FirstSyncProgress
          locale={locale}
          fraction={step.fraction}
          rows={step.rows}
          error={step.failed ? deviceErrorText(locale, DeviceError.NETWORK) : null}
          onRetry={() => void run(() => download(step.client, step.device))}
        />
      )}
    </div>
  );
}
