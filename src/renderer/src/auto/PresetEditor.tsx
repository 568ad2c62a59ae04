import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  ConfigFieldView,
  ConfigValue,
  EngineConfigView,
  PresetVersionView,
} from '../../../shared/api/autoViews';
import { ApiError } from '../../../shared/api/errors';
import { getApi, reportError, useWorkstation } from '../store';
import type { DraftValue } from './presetEdit';
import { draftOf, parseDraft, rangeText, sameValue, showValue } from './presetEdit';

const versionKey = (preset: Pick<PresetVersionView, 'name' | 'version'>): string =>
  `${preset.name}@${preset.version}`;

function FieldInput({
  field,
  draft,
  onChange,
}: {
  readonly field: ConfigFieldView;
  readonly draft: DraftValue;
  readonly onChange: (draft: DraftValue) => void;
}): React.JSX.Element {
  const label = field.path;
  if (field.kind === 'boolean')
    return (
      <input
        type="checkbox"
        aria-label={label}
        checked={draft as boolean}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  if (field.kind === 'choice')
    return (
      <select aria-label={label} value={String(draft)} onChange={(event) => onChange(event.target.value)}>
        {field.options.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  if (field.kind === 'list') {
    const chosen = draft as readonly string[];
    return (
      <span role="group" aria-label={label} className="list-input">
        {field.options.map((option) => (
          <label key={String(option)}>
            <input
              type="checkbox"
              checked={chosen.includes(String(option))}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...chosen, String(option)]
                    : chosen.filter((value) => value !== String(option)),
                )
              }
            />
            {String(option)}
          </label>
        ))}
      </span>
    );
  }
  return (
    <input
      type="text"
      inputMode="decimal"
      aria-label={label}
      className="number"
      value={String(draft)}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/**
 * The preset picker and the editor built from the preset schema: each field with its range, the
 * message beside a bad value, the diff against the version shown, and Save as the next version.
 */
export function PresetEditor(): React.JSX.Element {
  const inUse = useWorkstation((state) => state.engine?.preset);
  const [versions, setVersions] = useState<readonly PresetVersionView[]>([]);
  const [config, setConfig] = useState<EngineConfigView | null>(null);
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>({});
  const [serverProblem, setServerProblem] = useState<{ path: string | null; message: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [changedOnly, setChangedOnly] = useState(false);

  const load = useCallback((name?: string, version?: number): void => {
    const api = getApi();
    api.engine.listPresets({}).then(setVersions, reportError);
    api.engine.getConfig({ name, version }).then((next) => {
      setConfig(next);
      setDrafts({});
      setServerProblem(null);
    }, reportError);
  }, []);
  useEffect(() => load(), [load]);

  const rows = useMemo(
    () =>
      (config?.fields ?? []).map((field) => {
        const draft = drafts[field.path] ?? draftOf(field);
        const parsed = parseDraft(field, draft);
        const changed = 'value' in parsed && !sameValue(parsed.value, field.value);
        return { field, draft, parsed, changed };
      }),
    [config, drafts],
  );
  const invalid = rows.filter((row) => 'message' in row.parsed);
  const changes: Record<string, ConfigValue> = {};
  for (const row of rows)
    if (row.changed && 'value' in row.parsed) changes[row.field.path] = row.parsed.value;
  const changeCount = Object.keys(changes).length;

  const save = (): void => {
    if (!config || invalid.length > 0 || changeCount === 0) return;
    setServerProblem(null);
    getApi()
      .engine.saveConfig({
        name: config.preset.name,
        baseVersion: config.preset.version,
        changes,
      })
      .then(
        (result) => {
          setSaved(
            `saved ${result.saved.name} v${result.saved.version}${result.applied ? ' · in use' : ` · ${result.detail ?? ''}`}`,
          );
          load(result.saved.name, result.saved.version);
        },
        (error: unknown) => {
          const field =
            error instanceof ApiError && error.field?.startsWith('changes.') ? error.field.slice(8) : null;
          setServerProblem({ path: field, message: error instanceof Error ? error.message : String(error) });
        },
      );
  };

  const needle = query.trim().toLowerCase();
  const visible = rows.filter(
    (row) =>
      (!changedOnly || row.changed || 'message' in row.parsed) &&
      (!needle || row.field.path.toLowerCase().includes(needle)),
  );
  const groups = [...new Set(visible.map((row) => row.field.group))];
  const shownKey = config ? versionKey(config.preset) : '';
  return (
    <section className="auto-config" aria-label="Preset editor">
      <h2>
        Preset
        <span className="muted" data-testid="config-in-use">
          {' '}
          in use {inUse ? `${inUse.name} v${inUse.version}` : '—'}
        </span>
      </h2>
      <div className="toolbar wrap">
        <select
          aria-label="Preset version"
          value={shownKey}
          onChange={(event) => {
            const chosen = versions.find((preset) => versionKey(preset) === event.target.value);
            if (chosen) load(chosen.name, chosen.version);
          }}
        >
          {versions.map((preset) => (
            <option key={versionKey(preset)} value={versionKey(preset)}>
              {preset.name} v{preset.version} ({preset.origin}) {preset.hash.slice(0, 8)}
            </option>
          ))}
        </select>
        <input
          className="find"
          aria-label="Find a field"
          placeholder="find field…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label>
          <input
            type="checkbox"
            checked={changedOnly}
            onChange={(event) => setChangedOnly(event.target.checked)}
          />{' '}
          changed only
        </label>
        <span className="muted" data-testid="config-diff-count">
          {changeCount} changed{invalid.length > 0 ? ` · ${invalid.length} invalid` : ''}
        </span>
        <button type="button" onClick={() => setDrafts({})} disabled={Object.keys(drafts).length === 0}>
          Revert
        </button>
        <button
          type="button"
          className="primary"
          onClick={save}
          disabled={invalid.length > 0 || changeCount === 0}
        >
          Save as v
          {(Math.max(
            0,
            ...versions
              .filter((preset) => preset.name === config?.preset.name)
              .map((preset) => preset.version),
          ) || 0) + 1}
        </button>
        {saved && (
          <span className="muted" role="status" data-testid="config-saved">
            {saved}
          </span>
        )}
      </div>
      {serverProblem && serverProblem.path === null && (
        <p className="auto-refusal" role="alert" data-testid="config-server-problem">
          {serverProblem.message}
        </p>
      )}
      <div className="config-fields">
        {groups.map((group) => (
          <details key={group} open={Boolean(needle) || changedOnly || group === 'gates'}>
            <summary>
              {group}{' '}
              <span className="muted">{visible.filter((row) => row.field.group === group).length}</span>
            </summary>
            <table className="grid compact config-table">
              <tbody>
                {visible
                  .filter((row) => row.field.group === group)
                  .map(({ field, draft, parsed, changed }) => {
                    const message =
                      'message' in parsed
                        ? parsed.message
                        : serverProblem?.path === field.path
                          ? serverProblem.message
                          : null;
                    return (
                      <tr
                        key={field.path}
                        className={changed ? 'changed' : undefined}
                        data-testid="config-field"
                      >
                        <td className="field-name" title={field.path}>
                          {field.path.slice(group.length + 1)}
                        </td>
                        <td>
                          <FieldInput
                            field={field}
                            draft={draft}
                            onChange={(next) => setDrafts((all) => ({ ...all, [field.path]: next }))}
                          />
                        </td>
                        <td className="muted range">{rangeText(field)}</td>
                        <td className="field-note">
                          {message ? (
                            <span className="field-message" role="alert" data-testid="config-field-message">
                              {message}
                            </span>
                          ) : changed ? (
                            <span className="was">was {showValue(field.value)}</span>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </details>
        ))}
      </div>
    </section>
  );
}
