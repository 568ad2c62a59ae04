import { Worker } from 'node:worker_threads';
import type { WorkerState, WorkerStatus } from '../../shared/api/views';
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
}

/**
 * Runs one worker thread and restarts it when it dies (issue 2: "a worker that dies is reported in
 * every window and restarted"). Consecutive crashes back off exponentially so a worker that dies at
 * start-up does not spin a core.
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
  private readyWaiters: Array<() => void> = [];

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

  /** Resolves once the worker is running (after a restart too). */
  ready(): Promise<void> {
    if (this.state === 'running') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  start(): void {
    this.stopping = false;
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

    worker.on('error', (error) => {
      failed = true;
      this.detail = `${error.name}: ${error.message}`;
      this.options.onLog('error', `${this.options.name} worker crashed: ${error.stack ?? error.message}`);
    });
    worker.on('exit', (code) => {
      peer.detach(`exited (code ${code})`);
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.stopping) return;
      if (!failed) this.detail = `exited unexpectedly with code ${code}`;
      this.setState('crashed');
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
          this.setState('running');
          // A worker that stays up for 30 s is healthy again: the next crash restarts quickly.
          setTimeout(() => {
            if (this.worker === worker) this.consecutiveCrashes = 0;
          }, 30_000).unref();
          const waiters = this.readyWaiters;
          this.readyWaiters = [];
          waiters.forEach((resolve) => resolve());
        },
        (error: unknown) => {
          this.detail = `start-up failed: ${error instanceof Error ? error.message : String(error)}`;
          this.options.onLog('error', `${this.options.name} worker ${this.detail}`);
          void worker.terminate();
        },
      );
    });
  }

  private setState(state: WorkerState): void {
    this.state = state;
    if (state === 'running') this.detail = undefined;
    this.options.onStatus(this.status);
  }
}
