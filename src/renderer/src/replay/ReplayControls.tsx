import { useState } from 'react';
import { REPLAY_SPEED_VALUES } from '../../../shared/api/schemas';
import type { ReplayStateView } from '../../../shared/api/views';
import { formatTapeTime, parseJumpTime } from './tapeTime';
import { replayControl, useReplay } from './replayStore';

/** Play, pause, step one event, jump to a time, the six speeds, and where the tape is. */
export function ReplayControls({ state }: { readonly state: ReplayStateView }): React.JSX.Element {
  const [jump, setJump] = useState('');
  const tape = state.tape;
  const zone = tape?.timeZone ?? 'UTC';
  const finished = state.status === 'finished';

  const jumpTo = async (): Promise<void> => {
    const reference = state.positionUs ?? tape?.startUs ?? null;
    const tsUs = reference === null ? null : parseJumpTime(jump, reference, zone);
    if (tsUs === null) {
      useReplay.setState({ error: `"${jump}" is not a time: type HH:MM:SS (${zone}) or an ISO-8601 time` });
      return;
    }
    await replayControl((api) => api.replay.seek({ tsUs }));
  };

  return (
    <section className="replay-controls" aria-label="Replay controls">
      <div className="toolbar wrap">
        <button
          type="button"
          data-testid="replay-play"
          disabled={state.status === 'playing' || finished}
          onClick={() => void replayControl((api) => api.replay.play({}))}
        >
          ▶ Play
        </button>
        <button
          type="button"
          data-testid="replay-pause"
          disabled={state.status !== 'playing' && state.status !== 'seeking'}
          onClick={() => void replayControl((api) => api.replay.pause({}))}
        >
          ❚❚ Pause
        </button>
        <button
          type="button"
          data-testid="replay-step"
          disabled={finished}
          onClick={() => void replayControl((api) => api.replay.step({}))}
        >
          Step
        </button>
        <span className="speeds" role="group" aria-label="Speed">
          {REPLAY_SPEED_VALUES.map((speed) => (
            <button
              type="button"
              key={speed}
              data-testid={`replay-speed-${speed}`}
              className={state.speed === speed ? 'active' : ''}
              aria-pressed={state.speed === speed}
              onClick={() => void replayControl((api) => api.replay.setSpeed({ speed }))}
            >
              {speed === 'max' ? 'max' : `${speed}×`}
            </button>
          ))}
        </span>
      </div>
      <div className="toolbar wrap">
        <input
          className="jump"
          aria-label="Jump to time"
          data-testid="replay-jump-input"
          placeholder={`HH:MM:SS (${zone})`}
          value={jump}
          onChange={(event) => setJump(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void jumpTo();
          }}
        />
        <button type="button" data-testid="replay-jump" disabled={!jump.trim()} onClick={() => void jumpTo()}>
          Jump
        </button>
        <button
          type="button"
          data-testid="replay-restart"
          disabled={tape?.startUs == null}
          onClick={() => {
            const startUs = tape?.startUs;
            if (startUs != null) void replayControl((api) => api.replay.seek({ tsUs: startUs }));
          }}
        >
          Restart
        </button>
        <button
          type="button"
          data-testid="replay-close"
          onClick={() => void replayControl((api) => api.replay.close({}))}
        >
          Close
        </button>
      </div>
      <div className="replay-position">
        <span className={`badge status-${state.status}`} data-testid="replay-status">
          {state.status}
        </span>
        <span data-testid="replay-file" className="muted">
          {tape?.name} · {tape?.format} · {tape?.preset} · seed {tape?.seed}
        </span>
        <span data-testid="replay-time">
          {formatTapeTime(state.positionUs, zone)} <span className="muted">{zone}</span>
        </span>
        <span data-testid="replay-events" className="muted">
          event {state.eventNumber.toLocaleString('en-US')}
          {tape?.totalEvents != null ? ` of ${tape.totalEvents.toLocaleString('en-US')}` : ''}
        </span>
      </div>
      <progress data-testid="replay-progress" max={1} value={state.progress} />
    </section>
  );
}
