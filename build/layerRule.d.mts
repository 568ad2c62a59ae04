export function layerViolation(file: string, specifier: string): string | null;
export function layerOf(file: string): { folder: string; rank: number } | null;
export const layersPlugin: unknown;
