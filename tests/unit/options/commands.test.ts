import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command as chain } from '../../../src/main/cli/commands/chain';
import { command as iv } from '../../../src/main/cli/commands/iv';
import { command as price } from '../../../src/main/cli/commands/price';
import type { CliIo } from '../../../src/main/cli/types';
import { UsageError } from '../../../src/main/cli/types';

const FIXTURE = path.join(__dirname, '../../fixtures/nse-nifty-chain/option_chain.json');

interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCommand(
  command: { run(args: string[], io: CliIo): Promise<number> },
  args: string[],
): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const code = await command.run(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

const tempDir = mkdtempSync(path.join(tmpdir(), 'scalpdesk-chain-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe('scalpdesk price', () => {
  it('prints the price and greeks as JSON (Hull: S=42 K=40 r=10% σ=20% T=0.5 call 4.76)', async () => {
    const run = await runCommand(
      price,
      '--model bs --type call --spot 42 --strike 40 --years 0.5 --rate 0.1 --vol 0.2'.split(' '),
    );
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as Record<string, number>;
    expect(Object.keys(output)).toEqual(['price', 'delta', 'gamma', 'vega', 'theta', 'thetaPerDay', 'rho']);
    expect(output.price).toBeCloseTo(4.76, 2);
    expect(output.thetaPerDay).toBeCloseTo(output.theta / 365, 15);
  });

  it('prices Black-76 and takes a dividend yield for bs (Haug: put 2.4648; Black-76 1.7011)', async () => {
    const merton = await runCommand(
      price,
      '--model bs --type put --spot 100 --strike 95 --years 0.5 --rate 0.1 --vol 0.2 --div 0.05'.split(' '),
    );
    expect((JSON.parse(merton.stdout) as { price: number }).price).toBeCloseTo(2.4648, 4);
    const black = await runCommand(
      price,
      '--model=black76 --type=call --spot=19 --strike=19 --years=0.75 --rate=0.1 --vol=0.28'.split(' '),
    );
    expect((JSON.parse(black.stdout) as { price: number }).price).toBeCloseTo(1.7011, 4);
  });

  it.each([
    [
      'a missing flag',
      '--model bs --type call --spot 42 --strike 40 --years 0.5 --rate 0.1',
      /--vol is required/,
    ],
    [
      'an unknown model',
      '--model heston --type call --spot 42 --strike 40 --years 0.5 --rate 0.1 --vol 0.2',
      /--model must be bs or black76/,
    ],
    [
      'an unknown type',
      '--model bs --type straddle --spot 42 --strike 40 --years 0.5 --rate 0.1 --vol 0.2',
      /--type must be call or put/,
    ],
    [
      'a negative spot',
      '--model bs --type call --spot -42 --strike 40 --years 0.5 --rate 0.1 --vol 0.2',
      /--spot must be positive/,
    ],
    [
      '--div with black76',
      '--model black76 --type call --spot 42 --strike 40 --years 0.5 --rate 0.1 --vol 0.2 --div 0.01',
      /--div applies to the bs model only/,
    ],
    [
      'a stray argument',
      'extra --model bs --type call --spot 42 --strike 40 --years 0.5 --rate 0.1 --vol 0.2',
      /unexpected argument "extra"/,
    ],
  ])('rejects %s as a usage error', async (_case, args, message) => {
    await expect(runCommand(price, args.split(' '))).rejects.toThrow(UsageError);
    await expect(runCommand(price, args.split(' '))).rejects.toThrow(message);
  });
});

describe('scalpdesk iv', () => {
  it('prints {iv} for a price generated at 20 %', async () => {
    const priced = await runCommand(
      price,
      '--model bs --type put --spot 100 --strike 95 --years 0.5 --rate 0.1 --vol 0.2 --div 0.05'.split(' '),
    );
    const putPrice = (JSON.parse(priced.stdout) as { price: number }).price;
    const run = await runCommand(iv, [
      ...'--model bs --type put --spot 100 --strike 95 --years 0.5 --rate 0.1 --div 0.05'.split(' '),
      '--price',
      String(putPrice),
    ]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as { iv: number };
    expect(Object.keys(output)).toEqual(['iv']);
    expect(output.iv).toBeCloseTo(0.2, 12);
  });

  it('exits 1 with the reason when no volatility fits (price below intrinsic)', async () => {
    const run = await runCommand(
      iv,
      '--model bs --type call --spot 42 --strike 40 --years 0.5 --rate 0.1 --price 1'.split(' '),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/no implied volatility: price 1 is below the no-arbitrage lower bound/);
  });

  it('exits 1 above the upper bound', async () => {
    const run = await runCommand(
      iv,
      '--model black76 --type call --spot 20 --strike 20 --years 0.3 --rate 0.05 --price 25'.split(' '),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/above the no-arbitrage upper bound/);
  });

  it('needs --price', async () => {
    await expect(
      runCommand(iv, '--model bs --type call --spot 42 --strike 40 --years 0.5 --rate 0.1'.split(' ')),
    ).rejects.toThrow(/--price is required/);
  });
});

/*
 * Expected figures of `scalpdesk chain` recomputed here from the raw NSE JSON with the test's own
 * loops (not the analytics module): totals, PCR, max pain, ATM strike and IV, straddle, top gamma.
 */
interface RawSide {
  openInterest: number;
  totalTradedVolume: number;
  impliedVolatility: number;
  lastPrice: number;
  bidprice: number;
  askPrice: number;
}
interface RawRow {
  strikePrice: number;
  expiryDate: string;
  CE?: RawSide;
  PE?: RawSide;
}
interface RawFile {
  records: { timestamp: string; underlyingValue: number; expiryDates: string[]; data: RawRow[] };
}

function independentChainFigures(file: RawFile, expiry: string) {
  const rows = file.records.data
    .filter((row) => row.expiryDate === expiry)
    .sort((a, b) => a.strikePrice - b.strikePrice);
  const spot = file.records.underlyingValue;
  let callOi = 0;
  let putOi = 0;
  let callVolume = 0;
  let putVolume = 0;
  for (const row of rows) {
    callOi += row.CE?.openInterest ?? 0;
    putOi += row.PE?.openInterest ?? 0;
    callVolume += row.CE?.totalTradedVolume ?? 0;
    putVolume += row.PE?.totalTradedVolume ?? 0;
  }
  let maxPain = 0;
  let leastPayout = Infinity;
  for (const settlement of rows) {
    let payout = 0;
    for (const row of rows) {
      payout += (row.CE?.openInterest ?? 0) * Math.max(settlement.strikePrice - row.strikePrice, 0);
      payout += (row.PE?.openInterest ?? 0) * Math.max(row.strikePrice - settlement.strikePrice, 0);
    }
    if (payout < leastPayout) {
      leastPayout = payout;
      maxPain = settlement.strikePrice;
    }
  }
  let atm = rows[0];
  for (const row of rows) if (Math.abs(row.strikePrice - spot) < Math.abs(atm.strikePrice - spot)) atm = row;
  const atmIv = ((atm.CE?.impliedVolatility ?? 0) + (atm.PE?.impliedVolatility ?? 0)) / 2 / 100;
  const mid = (side: RawSide): number =>
    side.bidprice > 0 && side.askPrice >= side.bidprice
      ? (side.bidprice + side.askPrice) / 2
      : side.lastPrice;
  const straddle = mid(atm.CE!) + mid(atm.PE!);

  // Time to expiry: 15:30 IST on the expiry date minus records.timestamp (IST), ACT/365.
  const months: Record<string, number> = {
    Jan: 0,
    Feb: 1,
    Mar: 2,
    Apr: 3,
    May: 4,
    Jun: 5,
    Jul: 6,
    Aug: 7,
    Sep: 8,
    Oct: 9,
    Nov: 10,
    Dec: 11,
  };
  const [day, month, year] = expiry.split('-');
  const expiryMs = Date.UTC(Number(year), months[month], Number(day), 15, 30) - 330 * 60_000;
  const [date, time] = file.records.timestamp.split(' ');
  const [sDay, sMonth, sYear] = date.split('-');
  const [hour, minute, second] = time.split(':').map(Number);
  const snapshotMs =
    Date.UTC(Number(sYear), months[sMonth], Number(sDay), hour, minute, second) - 330 * 60_000;
  const years = (expiryMs - snapshotMs) / (365 * 86_400_000);
  // BSM gamma with r = q = 0, calls +, puts − (the documented convention); the common factors
  // (multiplier, spot², 1 %) do not change the ranking.
  const gamma = (strike: number, vol: number): number => {
    const stdDev = vol * Math.sqrt(years);
    const d1 = (Math.log(spot / strike) + 0.5 * stdDev * stdDev) / stdDev;
    return Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI) / (spot * stdDev);
  };
  const netGex = rows.map((row) => {
    let net = 0;
    if (row.CE && row.CE.impliedVolatility > 0)
      net += gamma(row.strikePrice, row.CE.impliedVolatility / 100) * row.CE.openInterest;
    if (row.PE && row.PE.impliedVolatility > 0)
      net -= gamma(row.strikePrice, row.PE.impliedVolatility / 100) * row.PE.openInterest;
    return { strike: row.strikePrice, net };
  });
  const topGammaStrikes = netGex
    .sort((a, b) => Math.abs(b.net) - Math.abs(a.net))
    .slice(0, 5)
    .map((entry) => entry.strike);

  return {
    spot,
    expiry,
    strikes: rows.length,
    atmStrike: atm.strikePrice,
    pcrOi: putOi / callOi,
    pcrVolume: putVolume / callVolume,
    maxPain,
    totalCallOi: callOi,
    totalPutOi: putOi,
    atmIv,
    straddle,
    impliedMove: straddle / spot,
    yearsToExpiry: years,
    topGammaStrikes,
  };
}

describe('scalpdesk chain on the NSE NIFTY fixture', () => {
  const rawFile = JSON.parse(readFileSync(FIXTURE, 'utf8')) as RawFile;

  it('prints the nearest expiry’s figures, matching values computed independently from the raw JSON', async () => {
    const run = await runCommand(chain, [FIXTURE]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as Record<string, unknown>;
    const expected = independentChainFigures(rawFile, '31-Mar-2022');
    for (const key of [
      'spot',
      'expiry',
      'strikes',
      'atmStrike',
      'maxPain',
      'totalCallOi',
      'totalPutOi',
      'topGammaStrikes',
    ] as const) {
      expect(output[key], key).toEqual(expected[key]);
    }
    for (const key of ['pcrOi', 'pcrVolume', 'atmIv', 'straddle', 'impliedMove', 'yearsToExpiry'] as const) {
      expect(output[key] as number, key).toBeCloseTo(expected[key], 12);
    }
    // Anchors from NSE's own `filtered` totals, so the independent loops are checked too.
    expect(expected.totalCallOi).toBe(2017305);
    expect(expected.totalPutOi).toBe(1479301);
    expect(output.timestamp).toBe('2022-03-28T05:17:19.000Z');
  });

  it('analyses another expiry with --expiry DD-Mon-YYYY', async () => {
    const run = await runCommand(chain, [FIXTURE, '--expiry', '07-Apr-2022']);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as Record<string, number>;
    const expected = independentChainFigures(rawFile, '07-Apr-2022');
    expect(output.maxPain).toBe(expected.maxPain);
    expect(output.atmStrike).toBe(expected.atmStrike);
    expect(output.pcrOi).toBeCloseTo(expected.pcrOi, 12);
    expect(output.totalCallOi).toBe(expected.totalCallOi);
  });

  it('scales net GEX by --lot-size', async () => {
    const one = JSON.parse((await runCommand(chain, [FIXTURE])).stdout) as { netGex: number };
    const fifty = JSON.parse((await runCommand(chain, [FIXTURE, '--lot-size', '50'])).stdout) as {
      netGex: number;
    };
    expect(fifty.netGex).toBeCloseTo(one.netGex * 50, 3);
  });

  it('reads a CSV chain by its extension', async () => {
    const file = path.join(tempDir, 'chain.csv');
    writeFileSync(
      file,
      [
        'underlying,expiry,timestamp,spot,strike,right,oi,volume,iv,ltp',
        'NIFTY,2022-03-31,2022-03-28T10:47:19+05:30,17022.5,17000,CE,100,10,26,180',
        'NIFTY,2022-03-31,2022-03-28T10:47:19+05:30,17022.5,17000,PE,150,30,25,140',
      ].join('\n'),
    );
    const run = await runCommand(chain, [file]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as Record<string, number>;
    expect(output.pcrOi).toBe(1.5);
    expect(output.straddle).toBe(320);
    expect(output.atmIv).toBeCloseTo(0.255, 15);
  });

  it('exits 1 naming the expiry when it is not in the file', async () => {
    const run = await runCommand(chain, [FIXTURE, '--expiry', '01-Apr-2022']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/expiry 01-Apr-2022 is not in the file; it has 31-Mar-2022, 07-Apr-2022/);
  });

  it('exits 1 for a file that cannot be read', async () => {
    const run = await runCommand(chain, [path.join(tempDir, 'missing.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot read .*missing\.json/);
  });

  it('exits 1 for a file that is not an NSE chain', async () => {
    const notJson = path.join(tempDir, 'bad.json');
    writeFileSync(notJson, '<html>rate limited</html>');
    const wrongShape = path.join(tempDir, 'wrong.json');
    writeFileSync(wrongShape, JSON.stringify({ records: { timestamp: '28-Mar-2022 10:47:19', data: [] } }));
    const first = await runCommand(chain, [notJson]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/bad\.json: NSE option chain: not valid JSON/);
    const second = await runCommand(chain, [wrongShape]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/records\.underlyingValue/);
  });

  it('needs FILE and a positive --lot-size (usage errors)', async () => {
    await expect(runCommand(chain, [])).rejects.toThrow(/FILE is required/);
    await expect(runCommand(chain, [FIXTURE, '--lot-size', '0'])).rejects.toThrow(
      /--lot-size must be positive/,
    );
    await expect(runCommand(chain, [FIXTURE, '--bogus'])).rejects.toThrow(UsageError);
  });
});
