import type { OptionRight } from '../../../../shared/domain/instrument';
import type { RegimeName } from '../config/schema';

const ENTRY_HISTORY = 256;

/**
 * The day's risk book: counters the entry gates and loss exits read. Money is in the currency's minor
 * units (paise, cents) so it adds up exactly with fills and charges. Reset at the start of each
 * trading day (the exchange-local date from the market calendar).
 */
export class RiskState {
  day = -1;
  /** Realised P&L of the engine's closed trades today, after charges. */
  realisedPnl = 0;
  /** Realised + unrealised, refreshed with every mark; its running maximum is the day's peak. */
  dayPnl = 0;
  peakDayPnl = 0;
  tradesToday = 0;
  private readonly entryTimes = new Float64Array(ENTRY_HISTORY);
  private entryCount = 0;
  consecutiveLosses = 0;
  breakerUntilUs = -1;
  lastExitUs = -1;
  lastExitWasLoss = false;
  lastExitCallUs = -1;
  lastExitPutUs = -1;
  readonly regimeTrades: Record<RegimeName, number> = { trend: 0, range: 0, volatile: 0, unknown: 0 };
  /** Set when the daily loss limit or the peak-to-trough lock stops the day. */
  dayLockedReason: string | null = null;
  /** Recent order outcomes (1 = rejected), newest last, for the reject-rate guardrail. */
  private readonly outcomes: Uint8Array;
  private outcomeCount = 0;
  rejectPauseUntilUs = -1;
  callsEnabled = true;
  putsEnabled = true;
  /** Adverse slippage of recent fills in percent of the price the engine saw, newest last (ring). */
  private readonly slippages: Float64Array;
  private slippageCount = 0;
  slippagePauseUntilUs = -1;

  constructor(
    readonly rejectWindow: number,
    readonly slippageWindow = 10,
  ) {
    this.outcomes = new Uint8Array(rejectWindow);
    this.slippages = new Float64Array(slippageWindow);
  }

  startDay(day: number): void {
    this.day = day;
    this.realisedPnl = 0;
    this.dayPnl = 0;
    this.peakDayPnl = 0;
    this.tradesToday = 0;
    this.entryCount = 0;
    this.consecutiveLosses = 0;
    this.breakerUntilUs = -1;
    this.regimeTrades.trend = 0;
    this.regimeTrades.range = 0;
    this.regimeTrades.volatile = 0;
    this.regimeTrades.unknown = 0;
    this.dayLockedReason = null;
    this.outcomeCount = 0;
    this.rejectPauseUntilUs = -1;
    this.slippageCount = 0;
    this.slippagePauseUntilUs = -1;
  }

  /** A fill's adverse slippage (percent of the reference price; negative when it filled better). */
  recordSlippage(percent: number): void {
    this.slippages[this.slippageCount % this.slippageWindow] = percent;
    this.slippageCount++;
  }

  /** Fills in the slippage window so far. */
  slippageSamples(): number {
    return this.slippageCount < this.slippageWindow ? this.slippageCount : this.slippageWindow;
  }

  /** Average adverse slippage (percent) over the window; 0 before any fill. */
  averageSlippagePercent(): number {
    const n = this.slippageSamples();
    if (n === 0) return 0;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.slippages[i];
    return sum / n;
  }

  clearSlippage(): void {
    this.slippageCount = 0;
  }

  /** An entry order was sent (counted when sent, so a day can never exceed its trade limit). */
  recordEntry(tsUs: number, regime: RegimeName): void {
    this.tradesToday++;
    this.regimeTrades[regime]++;
    this.entryTimes[this.entryCount % ENTRY_HISTORY] = tsUs;
    this.entryCount++;
  }

  /** An entry that never filled (rejected, cancelled unfilled) gives its trade back. */
  refundEntry(regime: RegimeName): void {
    if (this.tradesToday > 0) this.tradesToday--;
    if (this.regimeTrades[regime] > 0) this.regimeTrades[regime]--;
  }

  entriesSince(sinceUs: number): number {
    let count = 0;
    const n = this.entryCount < ENTRY_HISTORY ? this.entryCount : ENTRY_HISTORY;
    for (let i = 0; i < n; i++) if (this.entryTimes[i] > sinceUs) count++;
    return count;
  }

  recordClosedTrade(tsUs: number, right: OptionRight, netPnl: number): void {
    this.realisedPnl += netPnl;
    this.lastExitUs = tsUs;
    this.lastExitWasLoss = netPnl < 0;
    if (right === 'CE') this.lastExitCallUs = tsUs;
    else this.lastExitPutUs = tsUs;
    this.consecutiveLosses = netPnl < 0 ? this.consecutiveLosses + 1 : 0;
  }

  updateDayPnl(unrealisedPnl: number): void {
    this.dayPnl = this.realisedPnl + unrealisedPnl;
    if (this.dayPnl > this.peakDayPnl) this.peakDayPnl = this.dayPnl;
  }

  recordOrderOutcome(rejected: boolean): void {
    this.outcomes[this.outcomeCount % this.rejectWindow] = rejected ? 1 : 0;
    this.outcomeCount++;
  }

  /** Rejects among the last `rejectWindow` order outcomes. */
  recentRejects(): number {
    const n = this.outcomeCount < this.rejectWindow ? this.outcomeCount : this.rejectWindow;
    let rejects = 0;
    for (let i = 0; i < n; i++) rejects += this.outcomes[i];
    return rejects;
  }

  clearOutcomes(): void {
    this.outcomeCount = 0;
  }

  lastExitOnSide(right: OptionRight): number {
    return right === 'CE' ? this.lastExitCallUs : this.lastExitPutUs;
  }

  sideEnabled(right: OptionRight): boolean {
    return right === 'CE' ? this.callsEnabled : this.putsEnabled;
  }
}
