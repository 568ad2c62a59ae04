import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { Workstation } from '../../src/main/hosts/workstation';
import {
  clientFor,
  inMemoryTransport,
  startTestWorkstation,
  waitFor,
  webSocketTransport,
} from '../support/workstation';
import { paperRoundTrip } from '../support/paperRoundTrips';

/**
 * The auto-trade and analytics windows' API (issue 13) over every transport: preset versions and the
 * schema-built editor, the live panel, and the ledger's analytics report and CSV export.
 */
describe.each([inMemoryTransport, webSocketTransport])(
  'auto-trade and analytics API over $name',
  (transport) => {
    let workstation: Workstation;
    let dataDir: string;
    let api: ClientOf<ApiContract>;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ workstation, dataDir } = await startTestWorkstation({ engine: { preset: 'Scalper' } }));
      const connection = await transport.connect(workstation);
      close = connection.close;
      api = clientFor(connection.pipe);
    }, 90_000);
    afterAll(async () => {
      await close?.();
      await workstation?.close();
    });

    it('engine.listPresets and getConfig describe every field with its range from the preset schema', async () => {
      const presets = await api.engine.listPresets({});
      expect(presets.filter((preset) => preset.origin === 'built-in').map((preset) => preset.name)).toEqual([
        'Sniper',
        'Balanced',
        'Scalper',
        'Auto-Adaptive',
      ]);
      const config = await api.engine.getConfig({});
      expect(config.preset.name).toBe('Scalper');
      expect(config.inUse).toMatchObject({ name: 'Scalper', version: config.preset.version });
      const minScore = config.fields.find((field) => field.path === 'gates.minScore.minScore');
      expect(minScore).toMatchObject({ kind: 'number', min: 0, max: 100, group: 'gates' });
      const orderType = config.fields.find((field) => field.path === 'entry.orderType');
      expect(orderType).toMatchObject({ kind: 'choice', options: ['limit', 'market'] });
      expect(config.fields.find((field) => field.path === 'gates.warmUp.enabled')?.kind).toBe('boolean');
      await expect(api.engine.getConfig({ name: 'Turbo' })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        field: 'name',
      });
    });

    it('engine.saveConfig refuses an out-of-range or rule-breaking edit, naming the field, and saves nothing', async () => {
      const { preset } = await api.engine.getConfig({});
      await expect(
        api.engine.saveConfig({
          name: 'Scalper',
          baseVersion: preset.version,
          changes: { 'gates.minScore.minScore': 250 },
        }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'changes.gates.minScore.minScore' });
      await expect(
        api.engine.saveConfig({
          name: 'Scalper',
          baseVersion: preset.version,
          changes: { 'indicators.emaFastPeriod': 150, 'indicators.emaSlowPeriod': 100 },
        }),
      ).rejects.toMatchObject({ field: 'changes.indicators.emaFastPeriod' });
      await expect(
        api.engine.saveConfig({ name: 'Scalper', baseVersion: preset.version, changes: { 'gates.nope': 1 } }),
      ).rejects.toMatchObject({ field: 'changes.gates.nope' });
      expect((await api.engine.listPresets({})).some((version) => version.origin === 'saved')).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'presets'))).toBe(false);
    });

    it('engine.saveConfig saves the next version in the data folder and the idle engine runs it', async () => {
      const { preset, fields } = await api.engine.getConfig({});
      const before = fields.find((field) => field.path === 'gates.minScore.minScore')?.value as number;
      const result = await api.engine.saveConfig({
        name: 'Scalper',
        baseVersion: preset.version,
        changes: { 'gates.minScore.minScore': before === 60 ? 61 : 60 },
      });
      expect(result.saved).toMatchObject({ name: 'Scalper', version: preset.version + 1, origin: 'saved' });
      expect(result.applied).toBe(true);
      expect((await api.engine.getStatus({})).preset.version).toBe(preset.version + 1);
      expect(fs.readdirSync(path.join(dataDir, 'presets'))).toContain(`Scalper.v${preset.version + 1}.json`);
      // A stale base version is refused: another edit was saved since.
      await expect(
        api.engine.saveConfig({
          name: 'Scalper',
          baseVersion: preset.version,
          changes: { 'gates.minScore.minScore': 55 },
        }),
      ).rejects.toMatchObject({ code: 'REJECTED', field: 'baseVersion' });
      const saved = await api.engine.getConfig({ name: 'Scalper', version: preset.version + 1 });
      expect(saved.fields.find((field) => field.path === 'gates.minScore.minScore')?.value).not.toBe(before);
    });

    it('engine.getPanel and onPanel list every gate, the regime and the session budget', async () => {
      const panel = await api.engine.getPanel({});
      expect(panel.gates.length).toBeGreaterThanOrEqual(25);
      expect(panel.gates.map((gate) => gate.name)).toEqual(
        expect.arrayContaining(['warmUp', 'minScore', 'spread']),
      );
      expect(panel.session.tradesLeft).toBeGreaterThan(0);
      expect(Object.keys(panel.session.regimeBudgetLeft).sort()).toEqual([
        'range',
        'trend',
        'unknown',
        'volatile',
      ]);
      const streamed = await waitFor(api.engine.onPanel, {}, () => true);
      expect(streamed.gates.length).toBe(panel.gates.length);
    });

    it('analytics.getReport measures a round trip from the ledger; exportCsv writes its tables', async () => {
      const instruments = await api.market.listInstruments({});
      const option = instruments.find((instrument) => instrument.kind === 'option');
      if (!option) throw new Error('no option instrument');
      await paperRoundTrip(api, option);
      const report = await waitFor(
        (
          _params: Record<string, never>,
          listener: (value: Awaited<ReturnType<typeof api.analytics.getReport>>) => void,
        ) => {
          let stopped = false;
          const poll = (): void => {
            if (stopped) return;
            void api.analytics.getReport({}).then((value) => {
              listener(value);
              setTimeout(poll, 100);
            });
          };
          poll();
          return () => {
            stopped = true;
          };
        },
        {},
        (value) => value.overall.trades >= 1,
      );
      expect(report.currency).toBe('INR');
      expect(report.overall.trades).toBe(1);
      expect(report.equity).toHaveLength(1);
      expect(report.trades[0]).toMatchObject({
        symbol: option.symbol,
        source: 'manual',
        side: 'long',
        exitRule: null,
      });
      expect(report.breakdowns.bySource.map((row) => row.key)).toEqual(['manual']);
      expect(report.daily).toHaveLength(1);
      const filtered = await api.analytics.getReport({ source: 'auto' });
      expect(filtered.overall.trades).toBe(0);
      const csv = await api.analytics.exportCsv({ table: 'trades', filter: {} });
      expect(csv.rows).toBe(1);
      expect(csv.csv.split('\r\n')[0]).toMatch(/^tradeId,day,symbol,side,source/);
      const daily = await api.analytics.exportCsv({ table: 'daily', filter: {} });
      expect(daily.csv).toContain(report.daily[0].key);
      await expect(api.analytics.getReport({ from: '2026-02-01', to: '2026-01-01' })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        field: 'from',
      });
    });
  },
);
