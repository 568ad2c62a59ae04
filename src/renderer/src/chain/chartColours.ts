/**
 * Series colours of the chain charts (SVG attributes take literal colours, not CSS variables). Calls
 * red and puts green as Indian OI screens show them (call writers' resistance, put writers' support);
 * each series also has its own dash, so colour is never the only signal.
 */
export const CALL = { color: '#f87171' } as const;
export const PUT = { color: '#4ade80', dash: '5 3' } as const;
export const SPOT = '#e5e7eb';
export const ACCENT = '#60a5fa';
export const AMBER = '#fbbf24';
export const VIOLET = '#c084fc';
/** One colour per expiry on the vol surface, nearest first. */
export const EXPIRY_COLOURS = [
  '#60a5fa',
  '#fbbf24',
  '#c084fc',
  '#4ade80',
  '#f87171',
  '#22d3ee',
  '#f472b6',
  '#a3e635',
];
export const EXPIRY_DASHES = [undefined, '6 3', '2 2', '8 3 2 3', '4 4', '1 3', '10 4', '3 6'];
