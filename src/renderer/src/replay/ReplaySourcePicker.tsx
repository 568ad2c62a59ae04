import { useState } from 'react';
import { REPLAY_FORMATS, REPLAY_PRESETS } from '../../../shared/api/schemas';
import type { RecordingFileView } from '../../../shared/api/views';
import { refreshRecordings, replayControl, useReplay } from './replayStore';

type FormatChoice = '' | (typeof REPLAY_FORMATS)[number];
type PresetChoice = (typeof REPLAY_PRESETS)[number];

function describeRecording(recording: RecordingFileView): string {
  const size =
    recording.sizeBytes >= 1 << 20
      ? `${(recording.sizeBytes / (1 << 20)).toFixed(1)} MB`
      : `${Math.max(1, Math.round(recording.sizeBytes / 1024))} kB`;
  const events =
    recording.events === null ? 'events unknown' : `${recording.events.toLocaleString('en-US')} events`;
  return [recording.name, recording.day ?? '', size, recording.problem ? 'unreadable' : events]
    .filter(Boolean)
    .join(' · ');
}

/**
 * What to replay: a recording from <dataDir>/recordings, or the absolute path of an imported file
 * (CSV ticks, LOBSTER, a recording kept elsewhere), with the engine preset and the paper broker seed.
 */
export function ReplaySourcePicker(): React.JSX.Element {
  const recordings = useReplay((state) => state.recordings);
  const error = useReplay((state) => state.error);
  const [recording, setRecording] = useState('');
  const [typedPath, setTypedPath] = useState('');
  const [format, setFormat] = useState<FormatChoice>('');
  const [preset, setPreset] = useState<PresetChoice>('Balanced');
  const [seed, setSeed] = useState(1);
  const [busy, setBusy] = useState(false);
  const chosen = typedPath.trim() || recording;

  const open = async (): Promise<void> => {
    if (!chosen) return;
    setBusy(true);
    await replayControl((api) =>
      api.replay.open({ path: chosen, preset, seed, ...(format ? { format } : {}) }),
    );
    setBusy(false);
  };

  return (
    <section className="replay-source" aria-label="Replay source">
      <div className="toolbar wrap">
        <select
          aria-label="Recording"
          data-testid="replay-recording-select"
          value={recording}
          onChange={(event) => setRecording(event.target.value)}
        >
          <option value="">— choose a recording —</option>
          {recordings.map((candidate) => (
            <option key={candidate.name} value={candidate.name} disabled={candidate.problem !== undefined}>
              {describeRecording(candidate)}
            </option>
          ))}
        </select>
        <button type="button" title="List the recordings again" onClick={() => void refreshRecordings()}>
          ↻
        </button>
        <input
          className="path"
          aria-label="Or a file path"
          data-testid="replay-path"
          placeholder="or the absolute path of a .sdrec, CSV or LOBSTER file"
          value={typedPath}
          onChange={(event) => setTypedPath(event.target.value)}
        />
      </div>
      <div className="toolbar wrap">
        <label>
          Format{' '}
          <select
            aria-label="Format"
            data-testid="replay-format"
            value={format}
            onChange={(event) => setFormat(event.target.value as FormatChoice)}
          >
            <option value="">detect</option>
            {namedOptions(REPLAY_FORMATS)}
          </select>
        </label>
        <label>
          Preset{' '}
          <select
            aria-label="Preset"
            data-testid="replay-preset"
            value={preset}
            onChange={(event) => setPreset(event.target.value as PresetChoice)}
          >
            {namedOptions(REPLAY_PRESETS)}
          </select>
        </label>
        <label>
          Seed{' '}
          <input
            type="number"
            min={0}
            aria-label="Seed"
            data-testid="replay-seed"
            value={seed}
            onChange={(event) => setSeed(Math.max(0, Math.trunc(Number(event.target.value)) || 0))}
          />
        </label>
        <button
          type="button"
          data-testid="replay-open"
          disabled={!chosen || busy}
          onClick={() => void open()}
        >
          Open
        </button>
      </div>
      {error && (
        <p className="replay-error" role="alert" data-testid="replay-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** One `<option>` per name, the name as both value and label. */
function namedOptions(names: readonly string[]): React.JSX.Element[] {
  return names.map((name) => (
    <option key={name} value={name}>
      {name}
    </option>
  ));
}
