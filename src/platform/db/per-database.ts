import type { Db } from './database.ts';

/**
 * What a module keeps per database handle (known keys, compiled statements, remembered pages), by a string
 * key, dropped with the handle. `atMost` entries per handle: beyond it `keep` drops the oldest first.
 */
export class PerDatabase<V> {
  private readonly maps = new WeakMap<Db, Map<string, V>>();

  constructor(private readonly atMost = Number.POSITIVE_INFINITY) {}

  /** The handle's entries, oldest first. */
  of(db: Db): Map<string, V> {
    let map = this.maps.get(db);
    if (!map) {
      map = new Map();
      this.maps.set(db, map);
    }
    return map;
  }

  /** Keeps `value` under `key` as the newest entry, the oldest dropped when the handle holds `atMost`. */
  keep(db: Db, key: string, value: V): void {
    const map = this.of(db);
    map.delete(key);
    if (map.size >= this.atMost) map.delete(map.keys().next().value as string);
    map.set(key, value);
  }
}
