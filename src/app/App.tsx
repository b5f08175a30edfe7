import { UpdatePrompt } from './UpdatePrompt';
import { useOnline } from './useOnline';

export function App() {
  const online = useOnline();
  return (
    <div className="shell">
      <header className="shell-header">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <h1>Lapak</h1>
        <span
          className={online ? 'status status-online' : 'status status-offline'}
          data-testid="network-status"
        >
          {online ? 'Online' : 'Offline'}
        </span>
      </header>
      <main className="shell-main" data-testid="app-shell">
        <h2>Kasir siap</h2>
        <p>
          Lapak tetap berjualan tanpa internet. <span lang="en">Lapak keeps selling offline.</span>
        </p>
      </main>
      <UpdatePrompt />
    </div>
  );
}
