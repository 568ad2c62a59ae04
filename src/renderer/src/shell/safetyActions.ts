import type { BulkActionResult } from '../../../shared/api/views';
import { getApi, reportError, useWorkstation } from '../store';

/** Shown in the status bar after a bulk action: what it did, so the trader never has to guess. */
function summarise(action: string, result: BulkActionResult): void {
  const parts = [`${action}: ${result.cancelledOrders} cancelled, ${result.flattenOrders} closing orders`];
  if (result.engineKilled) parts.push('engine stopped and flattening its positions');
  if (result.problems.length > 0) parts.push(`problems: ${result.problems.join('; ')}`);
  const text = parts.join(' · ');
  if (result.problems.length > 0) reportError(text);
  useWorkstation.setState({ lastAction: text });
}

/** Flatten all (F6): cancels working manual orders, closes every position; works armed or not. */
export async function flattenAll(): Promise<void> {
  try {
    summarise('Flatten all', await getApi().positions.flattenAll({}));
  } catch (error) {
    reportError(error);
  }
}

/** Cancel all (F7): every working order and attached group; works armed or not. */
export async function cancelAll(): Promise<void> {
  try {
    summarise('Cancel all', await getApi().orders.cancelAll({}));
  } catch (error) {
    reportError(error);
  }
}

/** Flattens one symbol (a positions-panel row). */
export async function flattenSymbol(symbol: string): Promise<void> {
  try {
    summarise(`Flatten ${symbol}`, await getApi().positions.flatten({ symbol }));
  } catch (error) {
    reportError(error);
  }
}

/**
 * The kill switch: the engine stops (its shared flag first, then it flattens its own positions),
 * then every working order is cancelled and every manual position closed. Each step runs even if
 * an earlier one failed: a half-working kill switch must still do all it can.
 */
export async function killSwitch(): Promise<void> {
  const api = getApi();
  const problems: string[] = [];
  await api.engine.killSwitch({ reason: 'kill switch pressed' }).catch((error: Error) => {
    problems.push(`engine: ${error.message}`);
  });
  const flattened = await api.positions.flattenAll({}).catch((error: Error) => {
    problems.push(`flatten: ${error.message}`);
    return null;
  });
  if (flattened) summarise('Kill switch', { ...flattened, engineKilled: true });
  if (problems.length > 0) reportError(`Kill switch: ${problems.join('; ')}`);
}
