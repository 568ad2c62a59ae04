import type { Unsubscribe } from '../../shared/api/define';

/** A set of window listeners for one stream, with the last value kept for late subscribers. */
export class Fanout<T> {
  private readonly listeners = new Set<(value: T) => void>();
  private last: T | undefined;

  constructor(private readonly replayLast = true) {}

  get size(): number {
    return this.listeners.size;
  }

  get latest(): T | undefined {
    return this.last;
  }

  subscribe(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener);
    if (this.replayLast && this.last !== undefined) listener(this.last);
    return () => this.listeners.delete(listener);
  }

  publish(value: T): void {
    this.last = value;
    for (const listener of this.listeners) listener(value);
  }
}

/** Fan-outs keyed by a string (one per symbol), created on first subscriber and dropped with the last. */
export class KeyedFanout<T> {
  private readonly byKey = new Map<string, Fanout<T>>();

  constructor(
    private readonly onKeysChanged: (keys: string[]) => void,
    private readonly replayLast = true,
  ) {}

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  subscribe(key: string, listener: (value: T) => void): Unsubscribe {
    let fanout = this.byKey.get(key);
    const added = !fanout;
    if (!fanout) this.byKey.set(key, (fanout = new Fanout<T>(this.replayLast)));
    const unsubscribe = fanout.subscribe(listener);
    if (added) this.onKeysChanged(this.keys());
    return () => {
      unsubscribe();
      if (fanout.size === 0 && this.byKey.get(key) === fanout) {
        this.byKey.delete(key);
        this.onKeysChanged(this.keys());
      }
    };
  }

  publish(key: string, value: T): void {
    this.byKey.get(key)?.publish(value);
  }
}
