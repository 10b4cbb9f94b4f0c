import type { PostmanItemJson } from './tally.ts';

/** Marks the console lines the guard writes, so the runner can report them. */
export const GUARD_MARK = '[loket-loop-guard]';

export interface LoopGuardOptions {
  /** Times one request may run in a row before the guard moves on (legit loops page through a few results). */
  maxStreak: number;
  /** Times one request may run in all (catches loops over two or more requests). */
  maxTotal: number;
}

/**
 * The suite loops with setNextRequest, and some loops never end against an API that answers
 * differently from the reference implementation: "(zrc-007b) …" loops until its index equals
 * `related_informatieobjecten_urls.length - 1`, which never happens when that list is empty. A run
 * against a half-built API would then never reach drc, brc or ztc.
 *
 * This returns a copy of the collection (the file is untouched) in which every request gets an id and,
 * after its own test script, one more test script that counts how often it ran; past the limits it logs
 * a GUARD_MARK line and sends the run on to the next request in collection order. Nothing else changes:
 * the guard never fires in a run where the suite's loops end by themselves.
 */
export function withLoopGuard(collection: PostmanItemJson, options: LoopGuardOptions): PostmanItemJson {
  const copy = structuredClone(collection);
  const requests: PostmanItemJson[] = [];
  const collect = (items: PostmanItemJson[], position: string) => {
    items.forEach((item, index) => {
      const here = `${position}.${index}`;
      if (Array.isArray(item.item)) collect(item.item, here);
      else {
        item.id ??= `request${here}`;
        requests.push(item);
      }
    });
  };
  collect(copy.item ?? [], '');
  requests.forEach((item, index) => {
    const next = requests[index + 1]?.id ?? null;
    item.event = [
      ...(item.event ?? []),
      { listen: 'test', script: { exec: guardScript(next, options).split('\n') } },
    ];
  });
  return copy;
}

function guardScript(next: string | null, { maxStreak, maxTotal }: LoopGuardOptions): string {
  return `(function () {
  var id = pm.info.requestId;
  var streak = pm.globals.get('__loket_guard_last') === id ? (pm.globals.get('__loket_guard_streak') || 0) + 1 : 1;
  var totals = pm.globals.get('__loket_guard_totals') || {};
  totals[id] = (totals[id] || 0) + 1;
  pm.globals.set('__loket_guard_last', id);
  pm.globals.set('__loket_guard_streak', streak);
  pm.globals.set('__loket_guard_totals', totals);
  if (streak >= ${maxStreak} || totals[id] >= ${maxTotal}) {
    console.warn(${JSON.stringify(GUARD_MARK)} + ' ' + pm.info.requestName + ' ran ' + streak + ' times in a row, ' + totals[id] + ' in all: moving on to the next request');
    pm.globals.set('__loket_guard_streak', 0);
    totals[id] = 0;
    pm.globals.set('__loket_guard_totals', totals);
    postman.setNextRequest(${JSON.stringify(next)});
  }
})();`;
}
