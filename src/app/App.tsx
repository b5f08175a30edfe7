import { useCallback, useEffect, type ComponentType } from 'react';
import { Header } from './Header';
import { useIdleLock } from './idle-lock';
import { shellText } from './messages';
import { NavBar } from './NavBar';
import { useRoute, type Route } from './router';
import { LockRoute } from './screens/LockRoute';
import { ManagerRoute } from './screens/ManagerRoute';
import { PairingScreen } from './screens/PairingScreen';
import { SellRoute } from './screens/SellRoute';
import { SettingsScreen } from './screens/SettingsScreen';
import { ShiftScreen } from './screens/ShiftScreen';
import { SyncScreen } from './screens/SyncScreen';
import { useAppStore } from './store';
import { UpdatePrompt } from './UpdatePrompt';

const SCREENS: Record<Route, ComponentType> = {
  '/': SellRoute,
  '/shift': ShiftScreen,
  '/sync': SyncScreen,
  '/settings': SettingsScreen,
  '/manager': ManagerRoute,
};

function Content({ route }: { route: Route }) {
  const locale = useAppStore((s) => s.locale);
  const pairing = useAppStore((s) => s.pairing);
  const repairing = useAppStore((s) => s.repairing);
  const unlocked = useAppStore((s) => s.unlockedStaff !== null);
  // The dashboard has its own sign-in and works in any browser, paired till or not.
  if (route === '/manager') return <ManagerRoute />;
  if (pairing === 'loading') return <p className="muted">{shellText(locale)('loading')}</p>;
  if (pairing === 'unpaired' || repairing) return <PairingScreen />;
  if (!unlocked) return <LockRoute />;
  const Screen = SCREENS[route];
  return <Screen />;
}

export function App() {
  const route = useRoute();
  const locale = useAppStore((s) => s.locale);
  const unlocked = useAppStore((s) => s.unlockedStaff !== null);
  const idleMinutes = useAppStore((s) => s.idleLockMinutes);
  const lockIdle = useCallback(() => useAppStore.getState().lock('idle'), []);
  useIdleLock(idleMinutes, unlocked, lockIdle);

  // The page language follows the till's, for screen readers and hyphenation.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {shellText(locale)('skip')}
      </a>
      <Header />
      {unlocked && <NavBar route={route} />}
      <main id="main" className="shell-main" data-testid="app-shell" tabIndex={-1}>
        <Content route={route} />
      </main>
      <UpdatePrompt />
    </div>
  );
}
