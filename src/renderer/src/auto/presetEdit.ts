import type { ConfigFieldView, ConfigValue } from '../../../shared/api/autoViews';

/** What the trader typed in a field: text for numbers (so a half-typed "0." stays), else the value. */
export type DraftValue = string | boolean | readonly string[];

export function draftOf(field: ConfigFieldView): DraftValue {
  if (field.kind === 'boolean') return field.value as boolean;
  if (field.kind === 'list') return field.value as readonly string[];
  return String(field.value);
}

/** The range as the field shows it: `0 – 100`, `> 0`, `≥ 2`, or the choices. */
export function rangeText(field: ConfigFieldView): string {
  if (field.kind === 'boolean') return 'on / off';
  if (field.kind === 'choice' || field.kind === 'list') return field.options.join(' · ');
  const low = field.above !== null ? `> ${field.above}` : field.min !== null ? `${field.min}` : null;
  if (low !== null && field.max !== null)
    return field.above !== null ? `${low}, ≤ ${field.max}` : `${low} – ${field.max}`;
  if (low !== null) return field.above !== null ? low : `≥ ${low}`;
  if (field.max !== null) return `≤ ${field.max}`;
  return field.kind === 'integer' ? 'whole number' : 'number';
}

/**
 * The draft as a preset value, or the message shown beside the field: the same ranges the core checks
 * (from the same schema), so a bad edit is caught before it is sent. Cross-field rules come back from
 * the core on save and are shown beside the field they name.
 */
export function parseDraft(
  field: ConfigFieldView,
  draft: DraftValue,
): { value: ConfigValue } | { message: string } {
  if (field.kind === 'boolean') return { value: draft as boolean };
  if (field.kind === 'list') return { value: [...(draft as readonly string[])] };
  const text = String(draft).trim();
  if (field.kind === 'choice') {
    const option = field.options.find((candidate) => String(candidate) === text);
    return option === undefined
      ? { message: `must be one of ${field.options.join(', ')}` }
      : { value: option };
  }
  if (text === '') return { message: 'enter a number' };
  const number = Number(text);
  if (!Number.isFinite(number)) return { message: 'must be a number' };
  if (field.kind === 'integer' && !Number.isInteger(number)) return { message: 'must be a whole number' };
  if (field.min !== null && number < field.min) return { message: `must be at least ${field.min}` };
  if (field.above !== null && number <= field.above) return { message: `must be above ${field.above}` };
  if (field.max !== null && number > field.max) return { message: `must be at most ${field.max}` };
  return { value: number };
}

export function sameValue(a: ConfigValue, b: ConfigValue): boolean {
  return Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b;
}

export function showValue(value: ConfigValue): string {
  return Array.isArray(value) ? value.join(', ') || '(none)' : String(value);
}
