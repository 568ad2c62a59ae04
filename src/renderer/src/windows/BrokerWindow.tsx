import { useEffect, useState } from 'react';
import type { BrokerSaveParams } from '../../../shared/api/brokerSchemas';
import type { BrokerSettingsView, ConnectionCheckView } from '../../../shared/api/brokerViews';
import { getApi, reportError } from '../store';

const CHECK_NAMES: Record<ConnectionCheckView['name'], string> = {
  auth: 'Authentication',
  data: 'Market data',
  orders: 'Order entry',
};

/**
 * Broker settings (#/broker): choose the broker and its endpoints, enter keys (desktop only, kept in
 * the OS keychain), and "Test connection" (authentication, market data, order entry; places nothing).
 * Keys never come back from main: the page only learns whether they were found and where.
 */
export function BrokerWindow(): React.JSX.Element {
  const [view, setView] = useState<BrokerSettingsView | null>(null);
  const [form, setForm] = useState<BrokerSaveParams>({ kind: 'paper' });
  const [keys, setKeys] = useState({ openalgoApiKey: '', alpacaKeyId: '', alpacaSecretKey: '' });
  const [checks, setChecks] = useState<ConnectionCheckView[] | null>(null);
  const [testing, setTesting] = useState(false);
  const [saved, setSaved] = useState('');

  const show = (next: BrokerSettingsView): void => {
    setView(next);
    setForm({ kind: next.kind, orders: next.orders, host: next.host, wsUrl: next.wsUrl, paper: next.paper });
  };
  useEffect(() => {
    getApi().broker.getSettings({}).then(show, reportError);
  }, []);
  if (!view) return <p className="muted">reading broker settings…</p>;

  const desktop = view.mode === 'desktop';
  const typedKeys = Object.fromEntries(Object.entries(keys).filter(([, value]) => value.trim() !== ''));
  const save = (): void => {
    const params: BrokerSaveParams = {
      ...form,
      ...(desktop && Object.keys(typedKeys).length > 0 ? { secrets: typedKeys } : {}),
    };
    getApi()
      .broker.save(params)
      .then((next) => {
        show(next);
        setKeys({ openalgoApiKey: '', alpacaKeyId: '', alpacaSecretKey: '' });
        setSaved(next.restartNeeded ? 'saved; applies when the workstation starts again' : 'saved');
      }, reportError);
  };
  const test = (): void => {
    setTesting(true);
    setChecks(null);
    getApi()
      .broker.testConnection({})
      .then(setChecks, reportError)
      .finally(() => setTesting(false));
  };

  return (
    <div className="status-window broker-window">
      <h2>Broker</h2>
      <div className="toolbar">
        <label>
          Broker{' '}
          <select
            aria-label="Broker"
            value={form.kind}
            onChange={(event) => setForm({ ...form, kind: event.target.value as BrokerSaveParams['kind'] })}
          >
            <option value="paper">Paper (built in)</option>
            <option value="openalgo">OpenAlgo (India)</option>
            <option value="alpaca">Alpaca (US)</option>
          </select>
        </label>
        {form.kind !== 'paper' && (
          <label>
            Orders go to{' '}
            <select
              aria-label="Orders go to"
              value={form.orders}
              onChange={(event) => setForm({ ...form, orders: event.target.value as 'broker' | 'paper' })}
            >
              <option value="broker">the broker</option>
              <option value="paper">the paper broker (its data only)</option>
            </select>
          </label>
        )}
      </div>
      {form.kind === 'openalgo' && (
        <div className="toolbar">
          <label>
            REST host{' '}
            <input
              aria-label="OpenAlgo REST host"
              value={form.host ?? ''}
              onChange={(event) => setForm({ ...form, host: event.target.value })}
            />
          </label>
          <label>
            WebSocket{' '}
            <input
              aria-label="OpenAlgo WebSocket URL"
              value={form.wsUrl ?? ''}
              onChange={(event) => setForm({ ...form, wsUrl: event.target.value })}
            />
          </label>
        </div>
      )}
      {form.kind === 'alpaca' && (
        <div className="toolbar">
          <label>
            <input
              type="checkbox"
              aria-label="Alpaca paper account"
              checked={form.paper ?? true}
              onChange={(event) => setForm({ ...form, paper: event.target.checked })}
            />{' '}
            paper account (off: live, real money; the host then needs --confirm-live)
          </label>
        </div>
      )}
      <h2>Keys</h2>
      <p data-testid="broker-keys" className={view.keys.found ? '' : 'state-bad'}>
        {view.keys.detail}
      </p>
      {desktop ? (
        form.kind !== 'paper' && (
          <div className="toolbar">
            {form.kind === 'openalgo' ? (
              <input
                type="password"
                aria-label="OpenAlgo API key"
                placeholder="OpenAlgo API key"
                autoComplete="off"
                value={keys.openalgoApiKey}
                onChange={(event) => setKeys({ ...keys, openalgoApiKey: event.target.value })}
              />
            ) : (
              <>
                <input
                  type="password"
                  aria-label="Alpaca key id"
                  placeholder="Alpaca key id"
                  autoComplete="off"
                  value={keys.alpacaKeyId}
                  onChange={(event) => setKeys({ ...keys, alpacaKeyId: event.target.value })}
                />
                <input
                  type="password"
                  aria-label="Alpaca secret key"
                  placeholder="Alpaca secret key"
                  autoComplete="off"
                  value={keys.alpacaSecretKey}
                  onChange={(event) => setKeys({ ...keys, alpacaSecretKey: event.target.value })}
                />
              </>
            )}
            <span className="muted">kept in the OS keychain; never shown again</span>
          </div>
        )
      ) : (
        <p role="note" data-testid="headless-keys-note">
          Browser mode: keys are not entered here. They come only from the environment
          (SCALPDESK_OPENALGO_API_KEY, SCALPDESK_ALPACA_KEY_ID, SCALPDESK_ALPACA_SECRET_KEY) or from the key
          file named by broker.keyFile (JSON, mode 0600), and are never sent to this page.
        </p>
      )}
      <div className="toolbar">
        <button type="button" onClick={save}>
          Save
        </button>
        <button type="button" onClick={test} disabled={testing}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        {saved && (
          <span className="muted" role="status">
            {saved}
          </span>
        )}
      </div>
      {checks && (
        <table aria-label="Connection test">
          <tbody>
            {checks.map((check) => (
              <tr key={check.name} data-testid="connection-check" data-ok={String(check.ok)}>
                <td>{CHECK_NAMES[check.name]}</td>
                <td className={check.ok ? 'state-ok' : 'state-bad'}>{check.ok ? 'OK' : 'FAILED'}</td>
                <td>{check.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
