import { useEffect, useState } from 'react';
import type { DecisionRecordView } from '../../../shared/api/autoViews';
import type { DecisionView } from '../../../shared/api/views';
import { getApi } from '../store';
import { gateValue } from './autoFormat';

/** Nested snapshot → `velocity.s5.changePercent = 0.012` lines, numbers to 6 significant places. */
function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value === null || value === undefined) return [[prefix, '—']];
  if (typeof value === 'number')
    return [[prefix, Number.isInteger(value) ? String(value) : value.toPrecision(6)]];
  if (typeof value !== 'object') return [[prefix, String(value)]];
  if (Array.isArray(value))
    return [
      [
        prefix,
        value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ') ||
          '—',
      ],
    ];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    flatten(child, prefix ? `${prefix}.${key}` : key),
  );
}

function KeyValues({ label, value }: { readonly label: string; readonly value: unknown }): React.JSX.Element {
  return (
    <div className="record-part">
      <h3>{label}</h3>
      {value === null ? (
        <p className="muted">none</p>
      ) : (
        <dl>
          {flatten(value).map(([key, text]) => (
            <div key={key}>
              <dt title={key}>{key}</dt>
              <dd title={text}>{text}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** The expanded feed row: every gate verdict, the indicator snapshot, the options context. */
export function DecisionRecord({ decision }: { readonly decision: DecisionView }): React.JSX.Element {
  const [record, setRecord] = useState<DecisionRecordView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    getApi()
      .engine.getDecision({ decisionId: decision.decisionId })
      .then(setRecord, (error: Error) => setProblem(error.message));
  }, [decision.decisionId]);
  return (
    <div className="decision-record" data-testid="decision-record">
      <div className="record-part">
        <h3>Gates</h3>
        <table className="grid compact">
          <tbody>
            {decision.gates.map((gate) => (
              <tr key={gate.name} className={`gate-${gate.verdict}`}>
                <td>{gate.name}</td>
                <td className="number" title={gateValue(gate.value)}>
                  {gateValue(gate.value)}
                </td>
                <td className="number" title={gateValue(gate.threshold)}>
                  {gateValue(gate.threshold)}
                </td>
                <td className="verdict">{gate.verdict}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problem && <p className="muted">{problem}</p>}
      {record && (
        <>
          <KeyValues label="Indicators" value={record.indicators} />
          <KeyValues label="Options context" value={record.optionsContext} />
          <KeyValues
            label="Selection · sizing · exit"
            value={{
              selection: record.selection,
              sizing: record.sizing,
              exit: record.exit,
              orders: record.orders,
            }}
          />
        </>
      )}
    </div>
  );
}
