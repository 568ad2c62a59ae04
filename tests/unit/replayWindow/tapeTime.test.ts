import { describe, expect, it } from 'vitest';
import { formatTapeTime, parseJumpTime } from '../../../src/renderer/src/replay/tapeTime';

const utcUs = (iso: string): number => Date.parse(iso) * 1000;

describe('tape times in the tape’s zone', () => {
  it('shows a NIFTY tape in Asia/Kolkata and a US tape in New York time, to the millisecond', () => {
    expect(formatTapeTime(utcUs('2026-11-24T03:45:01.357Z') + 999, 'Asia/Kolkata')).toBe('09:15:01.357');
    expect(formatTapeTime(utcUs('2026-07-15T13:30:00Z'), 'America/New_York')).toBe('09:30:00.000');
    expect(formatTapeTime(utcUs('2026-01-15T14:30:00Z'), 'America/New_York')).toBe('09:30:00.000');
  });

  it('falls back to UTC for a zone the runtime does not know, and shows a dash for no time', () => {
    expect(formatTapeTime(utcUs('2026-11-24T03:45:00Z'), 'Mars/Olympus')).toBe('03:45:00.000');
    expect(formatTapeTime(null, 'UTC')).toBe('—');
  });

  it('reads a typed time of day on the tape’s local day', () => {
    const reference = utcUs('2026-11-24T04:00:00Z'); // 09:30 IST
    expect(parseJumpTime('10:05:30.25', reference, 'Asia/Kolkata')).toBe(utcUs('2026-11-24T04:35:30.250Z'));
    expect(parseJumpTime('25:00', reference, 'Asia/Kolkata')).toBeNull();
  });
});
