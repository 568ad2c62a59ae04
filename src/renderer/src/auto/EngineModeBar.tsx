import { useRef, useState } from 'react';
import type { EngineModeView } from '../../../shared/api/views';
import { getApi, reportError, useWorkstation } from '../store';

const MODES: ReadonlyArray<{ readonly mode: EngineModeView; readonly label: string; readonly hint: string }> =
  [
    { mode: 'off', label: 'Off', hint: 'No entries; open positions keep their exits' },
    { mode: 'shadow', label: 'Shadow', hint: 'Decides and records, sends no order' },
    { mode: 'paper', label: 'Paper', hint: 'Trades on the paper broker' },
    { mode: 'live', label: 'Live', hint: 'Trades real money at the broker' },
  ];

/**
 * The engine's mode, start/pause and re-arm. Live asks for confirmation first and needs a real
 * broker: the core refuses it on the paper broker and the refusal is shown here, beside the switch.
 */
export function EngineModeBar(): React.JSX.Element {
  const engine = useWorkstation((state) => state.engine);
  const broker = useWorkstation((state) => state.info?.broker);
  const [confirmLive, setConfirmLive] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  /** The mode Start returns to after a pause. */
  const resumeMode = useRef<EngineModeView>('shadow');

  const setMode = (mode: EngineModeView): void => {
    setRefusal(null);
    if (mode !== 'off') resumeMode.current = mode;
    getApi()
      .engine.setMode({ mode })
      .then(
        (status) => useWorkstation.setState({ engine: status }),
        (error: Error) => setRefusal(error.message),
      );
  };
  const choose = (mode: EngineModeView): void => (mode === 'live' ? setConfirmLive(true) : setMode(mode));
  const rearm = (): void => {
    getApi()
      .engine.rearm({})
      .then((status) => useWorkstation.setState({ engine: status }), reportError);
  };
  const mode = engine?.mode ?? 'off';
  const running = mode !== 'off';
  return (
    <section className="auto-modes" aria-label="Engine mode">
      <div role="radiogroup" aria-label="Mode" className="mode-switch">
        {MODES.map((option) => (
          <button
            key={option.mode}
            type="button"
            role="radio"
            aria-checked={mode === option.mode}
            className={`mode mode-${option.mode}${mode === option.mode ? ' on' : ''}`}
            title={option.hint}
            disabled={!engine}
            onClick={() => choose(option.mode)}
          >
            {option.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className={running ? 'pause' : 'start'}
        disabled={!engine || engine.killed}
        onClick={() => setMode(running ? 'off' : resumeMode.current)}
      >
        {running ? 'Pause' : `Start ${resumeMode.current}`}
      </button>
      <span className={`engine-state${engine?.killed ? ' killed' : ''}`} data-testid="auto-engine-state">
        {engine?.killed ? 'KILLED' : running ? `running · ${mode}` : 'stopped'}
      </span>
      <button type="button" disabled={!engine?.killed} onClick={rearm} title="Clear the kill switch">
        Re-arm
      </button>
      <span className="muted preset-in-use" data-testid="auto-preset-in-use">
        {engine ? `${engine.preset.name} v${engine.preset.version}` : '—'} · {engine?.underlying ?? ''}
      </span>
      {engine?.blockedBy && <span className="auto-refusal">blocked: {engine.blockedBy}</span>}
      {refusal && (
        <span className="auto-refusal" role="alert" data-testid="auto-mode-refusal">
          {refusal}
        </span>
      )}
      {confirmLive && (
        <div role="dialog" aria-label="Confirm live trading" className="confirm-live">
          <strong>Trade real money?</strong>
          <span>
            {broker === 'paper'
              ? 'Only the paper broker is configured: the core will refuse live mode.'
              : `Orders go to ${broker ?? 'the broker'} with real money.`}
          </span>
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirmLive(false);
              setMode('live');
            }}
          >
            Go live
          </button>
          <button type="button" onClick={() => setConfirmLive(false)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
