import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { InstrumentView } from '../../src/shared/api/views';
import type { Workstation } from '../../src/main/hosts/workstation';
import {
  buyOneLotAndWaitForFill,
  clientFor,
  engineContractsNearTheMoney,
  inMemoryTransport,
  startTestWorkstation,
  waitFor,
  webSocketTransport,
} from '../support/workstation';

/**
 * `engine.handBack` (issue 13) over both transports, on a real workstation: refused naming the field
 * or the reason, and a position handed to the engine taken back — no longer the engine's, listed as
 * manual, and free to be handed over again.
 */
describe.each([inMemoryTransport, webSocketTransport])('engine.handBack over $name', (transport) => {
  let workstation: Workstation;
  let api: ClientOf<ApiContract>;
  let close: () => Promise<void>;
  let contract: InstrumentView;

  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation({
      engine: { mode: 'off' },
      recording: { enabled: false },
    }));
    const connection = await transport.connect(workstation);
    close = connection.close;
    api = clientFor(connection.pipe);
    [contract] = await engineContractsNearTheMoney(api);
    expect(contract).toBeDefined();
  });
  afterAll(async () => {
    await close?.();
    await workstation?.close();
  });

  it('refuses a malformed or unknown symbol naming the field, and a symbol the engine holds nothing in', async () => {
    await expect(api.engine.handBack({ symbol: 'two words' })).rejects.toMatchObject({ field: 'symbol' });
    await expect(api.engine.handBack({ symbol: 'NOPE' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'symbol',
    });
    const nothing = api.engine.handBack({ symbol: contract.symbol });
    await expect(nothing).rejects.toMatchObject({ code: 'REJECTED' });
    await expect(nothing).rejects.toThrow(/holds no position/);
  });

  it('takes a handed-over position back: the engine lets go, it is listed as manual and can be handed over again', async () => {
    await waitFor(
      api.market.onLadder,
      { symbol: contract.symbol },
      (view) => view.bids.length > 0 && view.asks.length > 0,
      20_000,
    );
    expect((await api.engine.setMode({ mode: 'paper' })).mode).toBe('paper');
    await buyOneLotAndWaitForFill(api, contract, 20_000);
    const handedOver = await api.engine.handOver({ symbol: contract.symbol });
    expect(handedOver.positions.map((held) => held.symbol)).toContain(contract.symbol);

    const status = await api.engine.handBack({ symbol: contract.symbol });
    expect(status.positions.map((held) => held.symbol)).not.toContain(contract.symbol);
    expect((await api.engine.getStatus({})).positions.map((held) => held.symbol)).not.toContain(
      contract.symbol,
    );
    const positions = (await api.positions.list({})).filter(
      (position) => position.symbol === contract.symbol && position.quantity !== 0,
    );
    expect(positions).toMatchObject([{ source: 'manual', quantity: contract.lotSize }]);
    await expect(api.engine.handBack({ symbol: contract.symbol })).rejects.toThrow(/holds no position/);

    const again = await api.engine.handOver({ symbol: contract.symbol });
    expect(again.positions.find((held) => held.symbol === contract.symbol)).toMatchObject({
      ownership: 'handedOver',
      quantity: contract.lotSize,
    });
    await api.engine.handBack({ symbol: contract.symbol });
    await api.engine.setMode({ mode: 'off' });
  });
});
