/**
 * Values read from the database, remembered per database handle until told to forget: the pattern of
 * Loket's small read caches (API clients, sessions, organisations).
 *
 * - `forget(db)` forgets one handle's values: call it after a change commits, in this process, or when
 *   `pg_notify` says another process changed something.
 * - `forgetAll()` forgets every handle's values.
 * - A read that overlaps a forget is answered but not remembered, so a value read before a commit never
 *   outlives the commit's forget.
 * - `rememberMs` bounds how long a value is used, and `usableUntil` can end it sooner (a session's expiry).
 */
export interface MemoOptions<T> {
  maxEntries: number;
  rememberMs?: number;
  /** The moment (ms since epoch) after which a value must not be used any more. */
  usableUntil?: (value: T) => number;
  /** Which read results to remember; every one but undefined when left out. */
  remember?: (value: T) => boolean;
}

interface Entry<T> {
  value: T;
  until: number;
  epoch: number;
}

interface PerDb<T> {
  generation: number;
  entries: Map<string, Entry<T>>;
}

export class DbMemo<T> {
  private readonly perDb = new WeakMap<object, PerDb<T>>();
  private epoch = 0;

  constructor(private readonly options: MemoOptions<T>) {}

  /** The remembered value of `key` for this handle, or `load()`'s, remembered as the options say. */
  async read(db: object, key: string, load: () => Promise<T>): Promise<T> {
    const state = this.stateOf(db);
    const now = Date.now();
    const hit = state.entries.get(key);
    if (hit) {
      if (hit.epoch === this.epoch && hit.until > now) return hit.value;
      state.entries.delete(key);
    }
    const { generation } = state;
    const epoch = this.epoch;
    const value = await load();
    const wanted = this.options.remember ? this.options.remember(value) : value !== undefined;
    if (wanted && state.generation === generation && this.epoch === epoch) {
      const until = Math.min(
        now + (this.options.rememberMs ?? Number.POSITIVE_INFINITY),
        this.options.usableUntil?.(value) ?? Number.POSITIVE_INFINITY,
      );
      if (state.entries.size >= this.options.maxEntries) state.entries.clear();
      state.entries.set(key, { value, until, epoch });
    }
    return value;
  }

  /** Forgets everything remembered for this handle. */
  forget(db: object): void {
    const state = this.stateOf(db);
    state.generation++;
    state.entries.clear();
  }

  /** Forgets everything remembered for every handle. */
  forgetAll(): void {
    this.epoch++;
  }

  private stateOf(db: object): PerDb<T> {
    let state = this.perDb.get(db);
    if (!state) {
      state = { generation: 0, entries: new Map() };
      this.perDb.set(db, state);
    }
    return state;
  }
}
