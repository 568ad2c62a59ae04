/** Instrument master, option symbols, market calendars, time zones and expiry rules (issue 3). */
export * from './civilDate';
export * from './timeZones';
export * from './dataErrors';
export * from './calendar';
export * from './master';
export * from './expiry';
export * from './shortDated';
export * from './optionSymbols';
export * from './quantity';
