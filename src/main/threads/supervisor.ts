import { Worker } from 'node:worker_threads';
import type { WorkerState, WorkerStatus } from '../../shared/api/views';
import { StartupError } from '../platform/startupChecks';
import type { EventMap, LogLevel, RequestMap } from './rpc';
import { RpcPeer } from './rpc';
import type { NoRequests, WorkerBootData } from './workerBoot';

export interface SupervisorOptions<Remote extends RequestMap, Events extends EventMap> {
  readonly name: WorkerStatus['name'];
  /** Absolute path of the built worker entry (out/main/<name>Worker.js). */
  readonly entryFile: string;
  readonly bootData: WorkerBootData;
  readonly onStatus: (status: WorkerStatus) => void;
  readonly onLog: (level: LogLevel, message: string) => void;
  /** Runs after each (re)start, before the worker counts as running: wire ports, reload state. */
  readonly onStarted: (peer: RpcPeer<NoRequests, Remote, Events>) => Promise<void>;
  /** First restart delay; doubles per consecutive crash up to maxRestartDelayMs. */
  readonly restartDelayMs?: number;
  readonly maxRestartDelayMs?: number;
  /**
   * Restarts in a row that may die before running before the supervisor gives up (default 5). A worker
   * that has never run is not restarted at all: a fault at first start is a start-up fault.
   */
  readonly maxFailedRestarts?: number;
  /** The supervisor gave up: the worker cannot start, and the host should stop with this message. */
  readonly onGaveUp?: (error: StartupError) => void;
}

/**
 * Runs one worker thread and restarts it when it dies (issue 2: "a worker that dies is reported in
 * every window and restarted"). Consecutive crashes back off exponentially so a worker that dies at
 * start-up does not spin a core. A fault at first start (a damaged ledger, a bad setting) is not
 * retried, nor are restarts that keep dying before they run: restarting cannot repair a file, so
 * `ready()` rejects with a StartupError naming the cause (issue 10 item 5).
 */
export class WorkerSupervisor<Remote extends RequestMap, Events extends EventMap> {
  private worker: Worker | null = null;
  private currentPeer: RpcPeer<NoRequests, Remote, Events> | null = null;
  private state: WorkerState = 'stopped';
  private restarts = 0;
  private consecutiveCrashes = 0;
  private detail: string | undefined;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private readyWaiters: Array<{ resolve: () => void; reject: (error: StartupError) => void }> = [];
  private everRan = false;
  private failedRestarts = 0;
  private gaveUp: StartupError | null = null;

  constructor(private readonly options: SupervisorOptions<Remote, Events>) {}

  get peer(): RpcPeer<NoRequests, Remote, Events> | null {
    return this.state === 'running' ? this.currentPeer : null;
  }

  get status(): WorkerStatus {
    return {
      name: this.options.name,
      state: this.state,
      restarts: this.restarts,
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }

  /** Resolves once the worker is running (after a restart too); rejects if it cannot start. */
  ready(): Promise<void> {
    if (this.state === 'running') return Promise.resolve();
    if (this.gaveUp) return Promise.reject(this.gaveUp);
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  start(): void {
    this.stopping = false;
    this.gaveUp = null;
    this.spawn();
  }

  /** For tests and diagnostics: kill the thread as a crash would. */
  async crashForTest(): Promise<void> {
    await this.worker?.terminate();
  }

  async stop(shutdown?: (peer: RpcPeer<NoRequests, Remote, Events>) => Promise<void>): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    const peer = this.currentPeer;
    if (peer && shutdown && this.state === 'running') {
      await Promise.race([shutdown(peer).catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    }
    peer?.detach('stopped');
    this.setState('stopped');
    if (worker) await worker.terminate();
    this.worker = null;
  }

  private spawn(): void {
    this.setState(this.restarts === 0 && this.consecutiveCrashes === 0 ? 'starting' : 'restarting');
    const worker = new Worker(this.options.entryFile, {
      workerData: this.options.bootData,
      name: `scalpdesk-${this.options.name}`,
    });
    this.worker = worker;
    const peer = new RpcPeer<NoRequests, Remote, Events>(worker, {}, this.options.name);
    peer.onLog(this.options.onLog);
    this.currentPeer = peer;
    let failed = false;
    let reachedRunning = false;

    worker.on('error', (error) => {
      failed = true;
      // Before it runs, the message is the whole story (it goes out once, as the start-up error).
      this.detail = reachedRunning ? `${error.name}: ${error.message}` : error.message;
      if (reachedRunning)
        this.options.onLog('error', `${this.options.name} worker crashed: ${error.stack ?? error.message}`);
    });
    worker.on('exit', (code) => {
      peer.detach(`exited (code ${code})`);
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.stopping) return;
      if (!failed) this.detail = `${this.options.name} worker exited unexpectedly with code ${code}`;
      this.setState('crashed');
      if (!reachedRunning) this.failedRestarts++;
      if (!this.everRan || this.failedRestarts > (this.options.maxFailedRestarts ?? 5)) {
        this.giveUp(this.detail ?? `${this.options.name} worker could not start`);
        return;
      }
      this.consecutiveCrashes++;
      const base = this.options.restartDelayMs ?? 250;
      const delay = Math.min(
        base * 2 ** (this.consecutiveCrashes - 1),
        this.options.maxRestartDelayMs ?? 5000,
      );
      this.restartTimer = setTimeout(() => {
        this.restarts++;
        this.spawn();
      }, delay);
    });
    worker.once('online', () => {
      this.options.onStarted(peer).then(
        () => {
          if (this.worker !== worker) return;
          reachedRunning = true;
          this.everRan = true;
          this.failedRestarts = 0;
          this.setState('running');
          // A worker that stays up for 30 s is healthy again: the next crash restarts quickly.
          setTimeout(() => {
            if (this.worker === worker) this.consecutiveCrashes = 0;
          }, 30_000).unref();
          const waiters = this.readyWaiters;
          this.readyWaiters = [];
          waiters.forEach((waiter) => waiter.resolve());
        },
        (error: unknown) => {
          // A worker that threw while loading has already said why (the 'error' event); keep that.
          if (!failed) this.detail = error instanceof Error ? error.message : String(error);
          failed = true;
          if (this.everRan)
            this.options.onLog('error', `${this.options.name} worker start-up failed: ${this.detail}`);
          void worker.terminate();
        },
      );
    });
  }

  private giveUp(message: string): void {
    const error = new StartupError(message);
    this.gaveUp = error;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    waiters.forEach((waiter) => waiter.reject(error));
    this.options.onGaveUp?.(error);
  }

  private setState(state: WorkerState): void {
    this.state = state;
    if (state === 'running') this.detail = undefined;
    this.options.onStatus(this.status);
  }
}
