import { useAuto } from './autoStore';
import { gateValue, marketTime } from './autoFormat';

/** Every entry gate with the latest candidate's value, limit and verdict; the regime and active packs. */
export function GateBoard(): React.JSX.Element {
  const panel = useAuto((state) => state.panel);
  return (
    <section className="auto-gates" aria-label="Gate board">
      <h2>
        Gates
        <span className="muted">
          {' '}
          regime <b data-testid="auto-regime">{panel?.regime ?? '—'}</b> · packs{' '}
          <b data-testid="auto-packs">{panel?.packs.join(', ') || '—'}</b> · as of{' '}
          {marketTime(panel?.gatesAtUs ?? null, panel?.session.currency)}
        </span>
      </h2>
      <table className="grid compact" data-testid="auto-gate-board">
        <thead>
          <tr>
            <th>Gate</th>
            <th className="number">Value</th>
            <th className="number">Limit</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {(panel?.gates ?? []).map((gate) => (
            <tr
              key={gate.name}
              className={`gate-${gate.verdict.replace(' ', '-')}`}
              title={gate.detail ?? undefined}
            >
              <td>{gate.name}</td>
              <td className="number" title={gateValue(gate.value)}>
                {gateValue(gate.value)}
              </td>
              <td className="number">{gateValue(gate.threshold)}</td>
              <td className="verdict">{gate.verdict === 'block' ? 'BLOCK' : gate.verdict}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
