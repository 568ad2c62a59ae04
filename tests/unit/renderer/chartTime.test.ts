import { describe, expect, it } from 'vitest';
import {
  chartTickLabel,
  formatChartClock,
  toChartTime,
  zoneName,
} from '../../../src/renderer/src/chart/chartTime';

const us = (iso: string): number => Date.parse(iso) * 1000;
const label = (tsUs: number, zone: string, tickMarkType = 4): string =>
  chartTickLabel(toChartTime(tsUs, zone), tickMarkType);

describe('chart time axis on the exchange clock', () => {
  it('labels NSE bars in IST: the 09:15 open reads 09:15, not 03:45 UTC', () => {
    const open = us('2026-11-24T03:45:00Z');
    expect(label(open, 'Asia/Kolkata', 3)).toBe('09:15');
    expect(label(open + 7_000_000, 'Asia/Kolkata')).toBe('09:15:07');
    expect(formatChartClock(toChartTime(us('2026-11-24T10:00:00Z'), 'Asia/Kolkata'), false)).toBe('15:30');
    expect(zoneName('Asia/Kolkata')).toBe('IST');
  });

  it('labels US bars in New York time on both sides of a daylight-saving change', () => {
    // 09:30 EDT = 13:30 UTC in summer; 09:30 EST = 14:30 UTC after the first Sunday of November 2026.
    expect(label(us('2026-10-30T13:30:00Z'), 'America/New_York', 3)).toBe('09:30');
    expect(label(us('2026-11-02T14:30:00Z'), 'America/New_York', 3)).toBe('09:30');
    expect(label(us('2026-03-09T13:30:00Z'), 'America/New_York', 3)).toBe('09:30');
    expect(zoneName('America/New_York')).toBe('ET');
  });

  it('keeps bars aligned: a 5-minute bar start stays a multiple of 5 minutes after the shift', () => {
    for (const zone of ['Asia/Kolkata', 'America/New_York', 'UTC']) {
      const start = toChartTime(us('2026-11-24T03:45:00Z'), zone);
      expect(start % 300).toBe(0);
    }
  });

  it('shows seconds only for a tick inside a minute, the date where a day starts, and UTC for an unknown zone', () => {
    const open = toChartTime(us('2026-11-24T03:45:00Z'), 'Asia/Kolkata');
    expect(chartTickLabel(open, 4)).toBe('09:15');
    expect(chartTickLabel(open, 2)).toBe('2026-11-24');
    expect(label(us('2026-11-24T03:45:00Z'), 'Not/AZone', 3)).toBe('03:45');
  });
});
