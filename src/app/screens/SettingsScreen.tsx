import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { deviceErrorText } from '../../features/device/messages';
import { requestPersistence } from '../../features/device/pairing';
import { readStorageReport, type StorageReport } from '../../features/settings/model';
import { PreferencesForm } from '../../features/settings/ui/PreferencesForm';
import { StoragePanel } from '../../features/settings/ui/StoragePanel';
import { TillFacts } from '../../features/settings/ui/TillFacts';
import { UnpairPanel } from '../../features/settings/ui/UnpairPanel';
import { isDomainError } from '../../lib/errors';
import { unpairTill } from '../runtime';
import { useAppStore } from '../store';
import { APP_VERSION } from '../version';

export function SettingsScreen() {
  const s = useAppStore(
    useShallow((state) => ({
      locale: state.locale,
      idleLockMinutes: state.idleLockMinutes,
      setLocale: state.setLocale,
      setIdleLockMinutes: state.setIdleLockMinutes,
      device: state.device,
      till: state.till,
      pending: state.syncStatus?.pending ?? 0,
      attention: state.syncStatus?.attention ?? 0,
    })),
  );
  const [report, setReport] = useState<StorageReport | null>(null);
  const [generation, setGeneration] = useState(0);
  const [unpairing, setUnpairing] = useState(false);
  const [unpairError, setUnpairError] = useState<string | null>(null);

  // The browser's storage figures are not in IndexedDB's change feed: read on open and on request.
  useEffect(() => {
    let live = true;
    void readStorageReport().then((r) => live && setReport(r));
    return () => {
      live = false;
    };
  }, [generation]);

  return (
    <div className="stack">
      <PreferencesForm
        locale={s.locale}
        idleLockMinutes={s.idleLockMinutes}
        onLocale={s.setLocale}
        onIdleLock={s.setIdleLockMinutes}
      />
      {s.device && (
        <TillFacts
          locale={s.locale}
          shop={s.till?.shopName ?? ''}
          outlet={s.till?.outletName ?? s.device.outletCode}
          tillName={s.till?.tillName ?? ''}
          deviceCode={`${s.device.outletCode}-${s.device.deviceCode}`}
          version={APP_VERSION}
        />
      )}
      <StoragePanel
        locale={s.locale}
        report={report}
        onRequestPersistence={() =>
          void requestPersistence().then(() => setGeneration((g) => g + 1))
        }
      />
      <UnpairPanel
        locale={s.locale}
        pending={s.pending}
        attention={s.attention}
        busy={unpairing}
        error={unpairError}
        onUnpair={() => {
          setUnpairing(true);
          setUnpairError(null);
          // The counts on screen are what the person agreed to lose; more than that is refused.
          unpairTill(s.pending + s.attention).catch((err: unknown) => {
            setUnpairing(false);
            setUnpairError(deviceErrorText(s.locale, isDomainError(err) ? err.code : ''));
          });
        }}
      />
    </div>
  );
}
