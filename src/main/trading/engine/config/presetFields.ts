import { z } from 'zod';
import type { ConfigFieldView, ConfigValue } from '../../../../shared/api/autoViews';
import type { EngineParams } from './schema';
import { engineParamsSchema } from './schema';

/**
 * The preset editor's fields, described from the preset schema itself (its JSON Schema form), so a
 * new parameter, range or choice appears in the auto-trade window without UI code. The cross-field
 * rules (superRefine) are not in the JSON Schema: the core checks them when an edit is saved and
 * names the field that broke one.
 */

interface JsonSchemaNode {
  readonly type?: string;
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly items?: JsonSchemaNode;
  readonly enum?: ReadonlyArray<string | number>;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly const?: string | number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
}

/** Zod writes the safe-integer limits for `.int()`: no range a trader needs to see. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;
const bound = (value: number | undefined): number | null =>
  value === undefined || Math.abs(value) >= UNBOUNDED ? null : value;

let described: ReadonlyArray<Omit<ConfigFieldView, 'value'>> | null = null;

function describeNode(
  node: JsonSchemaNode,
  path: string[],
  out: Array<Omit<ConfigFieldView, 'value'>>,
): void {
  const field = { path: path.join('.'), group: path[0] ?? '' };
  if (node.type === 'object' && node.properties) {
    for (const [key, child] of Object.entries(node.properties)) describeNode(child, [...path, key], out);
  } else if (node.type === 'boolean') {
    out.push({ ...field, kind: 'boolean', min: null, max: null, above: null, options: [] });
  } else if (node.type === 'number' || node.type === 'integer') {
    out.push({
      ...field,
      kind: node.type === 'integer' ? 'integer' : 'number',
      min: bound(node.minimum),
      max: bound(node.maximum),
      above: bound(node.exclusiveMinimum),
      options: [],
    });
  } else if (node.type === 'string' && node.enum) {
    out.push({ ...field, kind: 'choice', min: null, max: null, above: null, options: node.enum });
  } else if (node.anyOf && node.anyOf.every((option) => option.const !== undefined)) {
    out.push({
      ...field,
      kind: 'choice',
      min: null,
      max: null,
      above: null,
      options: node.anyOf.map((option) => option.const as string | number),
    });
  } else if (node.type === 'array' && node.items?.enum) {
    out.push({ ...field, kind: 'list', min: null, max: null, above: null, options: node.items.enum });
  } else if (node.type === 'array' && (node.items?.type === 'integer' || node.items?.type === 'number')) {
    // A list of numbers (the adaptation's arms) is a preset author's choice, not a form field: it is
    // left out of the editor, so a saved version keeps the preset's own list.
    return;
  } else {
    throw new Error(`preset field ${field.path} has a shape the editor cannot describe`);
  }
}

function describedFields(): ReadonlyArray<Omit<ConfigFieldView, 'value'>> {
  if (described === null) {
    const schema = z.toJSONSchema(engineParamsSchema, { unrepresentable: 'any', io: 'input' });
    const out: Array<Omit<ConfigFieldView, 'value'>> = [];
    describeNode(schema as JsonSchemaNode, [], out);
    described = out;
  }
  return described;
}

export function valueAt(params: EngineParams, path: string): unknown {
  let node: unknown = params;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

/**
 * Every field of the preset schema with its range and its value in `params`. Fields of an optional
 * section the preset does not set (e.g. `adaptation` on a preset without it) are left out: they have
 * no value to edit, and a blank would read as invalid.
 */
export function presetFields(params: EngineParams): ConfigFieldView[] {
  return describedFields().flatMap((field) => {
    const value = valueAt(params, field.path);
    return value === undefined ? [] : [{ ...field, value: value as ConfigValue }];
  });
}

/** `params` with the changed fields set (unknown paths are refused, naming them); not yet validated. */
export function applyChanges(params: EngineParams, changes: Readonly<Record<string, ConfigValue>>): unknown {
  const known = new Set(describedFields().map((field) => field.path));
  const copy = JSON.parse(JSON.stringify(params)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    if (!known.has(path)) throw new PresetFieldError(path, 'is not a preset field');
    const keys = path.split('.');
    let node = copy;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  return copy;
}

export class PresetFieldError extends Error {
  override name = 'PresetFieldError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}
