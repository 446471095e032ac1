// Memos of derived, immutable data for the public pages: a published version never changes, so what is
// rendered from it (with the plan's state and the code in the key) is the same on any instance. These are
// caches, not state (docs/ARCHITECTURE.md): losing them costs a render, never a wrong answer.

/**
 * The most recently used values, at most `maxEntries` of them and `maxBytes` in all, so a visitor walking
 * through every plan and version cannot grow the process: the oldest are dropped first.
 */
export class RecentlyUsed<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;
  private readonly making = new Map<string, Promise<V>>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting marks the entry as the newest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const bytes = this.sizeOf(value);
    this.remove(key);
    // A value bigger than the whole budget is served but not kept.
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  /** The kept value, or a fresh one kept for the next time. */
  remember(key: string, make: () => V): V {
    const known = this.get(key);
    if (known !== undefined) return known;
    const made = make();
    this.set(key, made);
    return made;
  }

  /** The same for a value made asynchronously: callers asking while it is made wait for that one. */
  rememberOnce(key: string, make: () => Promise<V>): Promise<V> {
    const known = this.get(key);
    if (known !== undefined) return Promise.resolve(known);
    return singleFlight(this.making, key, async () => {
      const made = await make();
      this.set(key, made);
      return made;
    });
  }

  get size() {
    return this.entries.size;
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/**
 * One run of `work` per key at a time in this process: whoever asks while it runs waits for the same
 * promise (two visitors opening a new version's PDF render it once, not twice). Forgotten once settled,
 * so a failure is retried by the next request.
 */
export function singleFlight<T>(flights: Map<string, Promise<T>>, key: string, work: () => Promise<T>) {
  const running = flights.get(key);
  if (running) return running;
  const started = work().finally(() => flights.delete(key));
  flights.set(key, started);
  return started;
}
