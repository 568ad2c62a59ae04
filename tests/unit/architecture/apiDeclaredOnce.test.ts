import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiContract } from '../../../src/shared/api/contract';

/**
 * Each API method is declared once: a schema, its contract entry and a handler. The thread protocol
 * between main and the core worker carries calls and events generically, so no file there may name
 * the contract's methods one by one (as the old per-method request table did).
 */

const repoRoot = path.resolve(__dirname, '../../..');
const guardedFiles = [
  'src/main/coreWorker/protocol.ts',
  ...fs
    .readdirSync(path.join(repoRoot, 'src/main/threads'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `src/main/threads/${name}`),
];

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const singular = (text: string): string => text.replace(/s$/, '');

/**
 * The names a hand-written copy of a member tends to take: `placeOrder`, `replayOpen`,
 * `listPositions`, an event topic `ladder` for `market.onLadder`, or the wire name itself.
 */
const genericWords = new Set(['status', 'state']);

function mirrorNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const [service, members] of Object.entries(apiContract))
    for (const member of Object.keys(members)) {
      const wire = `${service}.${member}`;
      const event = member.startsWith('on') ? member.charAt(2).toLowerCase() + member.slice(3) : null;
      // A bare `status` or `state` is every stateful thing's field, not a copy of a subscription.
      const topic = event
        ? [`${service}${capitalise(event)}`, ...(genericWords.has(event) ? [] : [event])]
        : [];
      for (const name of [
        member,
        ...topic,
        `${service}${capitalise(member)}`,
        `${member}${capitalise(service)}`,
        `${member}${capitalise(singular(service))}`,
        `${singular(service)}${capitalise(member)}`,
      ])
        names.set(name, wire);
    }
  return names;
}

/**
 * The contract members a source text names: as declared keys (`name:` / `name(` at the start of a
 * line, as in a request table) or as quoted wire names. Comments are ignored.
 */
export function mirroredMembers(source: string, names: ReadonlyMap<string, string>): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const wires = new Set(names.values());
  const found = new Set<string>();
  for (const match of code.matchAll(/^\s*(?:readonly\s+|async\s+)?([A-Za-z_$][\w$]*)\??\s*[:(]/gm)) {
    const wire = names.get(match[1]);
    if (wire) found.add(wire);
  }
  for (const match of code.matchAll(/['"`]([a-z]\w*\.[a-z]\w*)['"`]/g))
    if (wires.has(match[1])) found.add(match[1]);
  return [...found].sort();
}

describe('one declaration per API method', () => {
  const names = mirrorNames();

  it('the scan recognises a per-method copy of the API', () => {
    const copied = [
      'export type CoreRequests = {',
      '  placeOrder: { payload: PlaceOrderParams; result: PlaceOrderResult };',
      '  replayOpen: { payload: ReplayOpenParams; result: ReplayStateView };',
      '  listPositions: { payload: Record<string, never>; result: PositionView[] };',
      '};',
      "peer.on('orders.onFill', listener);",
    ].join('\n');
    expect(mirroredMembers(copied, names)).toEqual([
      'orders.onFill',
      'orders.place',
      'positions.list',
      'replay.open',
    ]);
  });

  // One shared name is a coincidence (the supervisor's own `onStatus` callback); two make a table.
  it.each(guardedFiles)('%s does not mirror the contract per method', (file) => {
    const mirrored = mirroredMembers(fs.readFileSync(path.join(repoRoot, file), 'utf8'), names);
    expect(mirrored.length, `names ${mirrored.join(', ')}`).toBeLessThan(2);
  });

  it('the protocol file as it was (a request per method) would fail', () => {
    const oldStyle = [
      'export type CoreRequests = {',
      '  listInstruments: { payload: Record<string, never>; result: InstrumentView[] };',
      '  cancelOrder: { payload: { orderId: string }; result: { cancelled: boolean } };',
      '};',
      'export type CoreEvents = { ladder: LadderView; order: OrderView; fill: Fill };',
    ].join('\n');
    expect(mirroredMembers(oldStyle, names).length).toBeGreaterThanOrEqual(2);
  });
});
