import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { SystemStatus } from '../../src/shared/api/views';
import { asFillId, asOrderId } from '../../src/shared/domain/ids';
import type { TimestampUs } from '../../src/shared/domain/time';
import type { Workstation } from '../../src/main/hosts/workstation';
import { Ledger } from '../../src/main/ledger/ledger';
import { ledgerPath } from '../../src/main/ledger/ledgerPath';
import { makeFill, makeOrder } from '../unit/oms/factories';
import { makeTempDir } from '../support/serveProcess';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

/** A ledger with one filled manual order, whose fill price is then multiplied by 10 outside the app. */
function tamperedLedger(): string {
  const dataDir = makeTempDir('contract');
  const ledger = Ledger.open(ledgerPath(dataDir));
  const order = makeOrder('new', { orderId: asOrderId('order-1') });
  ledger.recordOrder(order);
  const fill = makeFill({ fillId: asFillId('fill-1'), orderId: order.orderId });
  ledger.recordOrderEvent(
    { ...order, status: 'filled', filledQuantity: fill.quantity, filledNotional: fill.quantity * fill.price },
    { type: 'OrderFilled', orderId: order.orderId, tsEvent: 2 as TimestampUs, fill },
  );
  ledger.close();
  const db = new Database(ledgerPath(dataDir));
  db.exec("UPDATE fills SET price = price * 10 WHERE fill_id = 'fill-1'");
  db.close();
  return dataDir;
}

/**
 * The workstation on a ledger that fails its own check: the status says why, and neither the trader
 * nor the engine may place an order (issue 10: start-up refuses to trade on a ledger that fails verify).
 */
describe('start-up on a tampered ledger', () => {
  let workstation: Workstation | undefined;
  afterAll(async () => workstation?.close());

  it('refuses manual orders and the engine, with the reason in SystemStatus', async () => {
    ({ workstation } = await startTestWorkstation({}, { dataDir: tamperedLedger() }));
    const { pipe } = await inMemoryTransport.connect(workstation);
    const api = clientFor(pipe);

    const status = await waitFor(
      api.system.onStatus,
      {},
      (value: SystemStatus) => value.reconciliation?.ok === false,
      30_000,
    );
    expect(status.reconciliation?.detail).toContain('trading refused: the ledger failed its check');
    expect(status.reconciliation?.detail).toContain('fills seq 1 (fill fill-1) price');

    const option = (await api.market.listInstruments({})).find((instrument) => instrument.kind === 'option');
    if (!option) throw new Error('no option instrument');
    const order = api.orders.place({
      symbol: option.symbol,
      side: 'buy',
      type: 'market',
      quantity: option.lotSize,
      timeInForce: 'IOC',
    });
    await expect(order).rejects.toMatchObject({ code: 'REJECTED' });
    await expect(order).rejects.toThrow(/trading refused: the ledger failed its check/);

    await expect(api.engine.setMode({ mode: 'paper' })).rejects.toThrow(/auto-trading is blocked/);
    // Resolving reconciliations does not clear it: the file itself must be restored.
    await api.system.resolveReconciliation({ note: 'checked' });
    await expect(
      api.orders.place({
        symbol: option.symbol,
        side: 'buy',
        type: 'market',
        quantity: option.lotSize,
        timeInForce: 'IOC',
      }),
    ).rejects.toThrow(/trading refused/);
  });
});
