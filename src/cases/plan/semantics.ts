import { checkCondition } from './conditions.ts';
import { ADHOC_ID, ROOT_ID } from './model.ts';
import type { PlanValidationError } from './types.ts';

/**
 * The rules a JSON Schema cannot express: unique ids, references to existing items, stage nesting without
 * cycles, FEEL that parses and reads only declared data, and sentries that can ever fire. Written against
 * unvalidated input (the schema errors are reported separately), so every error is found in one pass.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Names the runtime puts next to the case data; a case data variable of that name would be hidden. */
export const RESERVED_VARIABLES = ['documents', 'decision', 'event', 'today', 'now'];

const EVENTS: Record<string, string[]> = {
  task: ['start', 'complete', 'terminate'],
  stage: ['start', 'complete', 'terminate'],
  milestone: ['occur', 'terminate'],
  timer: ['start', 'occur', 'terminate'],
};

interface Known {
  index: number;
  kind: string;
  stage?: string;
}

export function semanticErrors(doc: unknown): PlanValidationError[] {
  const errors: PlanValidationError[] = [];
  if (!isObj(doc)) return errors;
  const error = (path: string, reason: string) => errors.push({ path, reason });
  const items = list(doc.items);
  const known = new Map<string, Known>();

  items.forEach((item, i) => {
    if (!isObj(item) || typeof item.id !== 'string') return;
    const previous = known.get(item.id);
    if (previous) error(`/items/${i}/id`, `id "${item.id}" komt al voor (/items/${previous.index})`);
    else if ([ROOT_ID, ADHOC_ID].includes(item.id)) error(`/items/${i}/id`, `"${item.id}" is gereserveerd`);
    else
      known.set(item.id, {
        index: i,
        kind: String(item.kind),
        stage: typeof item.stage === 'string' ? item.stage : undefined,
      });
  });

  const declared = Array.isArray(doc.variables) ? doc.variables.filter((v) => typeof v === 'string') : null;
  list(doc.variables).forEach((v, i) => {
    if (typeof v === 'string' && RESERVED_VARIABLES.includes(v)) {
      error(`/variables/${i}`, `"${v}" is gereserveerd voor wat het plan zelf bijhoudt`);
    }
  });

  const parentOf = (id: string) => known.get(id)?.stage;
  /** Is `id` (transitively) inside stage `stageId`? Bounded, so a cycle cannot hang it. */
  const inside = (id: string, stageId: string): boolean => {
    let at = parentOf(id);
    for (let n = 0; at !== undefined && n <= known.size; n++, at = parentOf(at))
      if (at === stageId) return true;
    return false;
  };

  const condition = (path: string, expression: unknown) => {
    if (typeof expression !== 'string') return;
    const check = checkCondition(expression);
    if (!check.ok) {
      error(path, `FEEL-fout op positie ${check.position ?? 0}: ${check.error}`);
      return;
    }
    if (!declared) return;
    for (const name of check.variables) {
      if (!declared.includes(name) && !RESERVED_VARIABLES.includes(name)) {
        error(path, `leest "${name}", maar dat staat niet in "variables"`);
      }
    }
  };

  const criteria = (path: string, value: unknown, owner: string | null, entry: boolean) => {
    list(value).forEach((criterion, k) => {
      if (!isObj(criterion)) return;
      list(criterion.on).forEach((on, m) => {
        if (!isObj(on) || typeof on.item !== 'string') return;
        const at = `${path}/${k}/on/${m}`;
        const target = known.get(on.item);
        if (!target) {
          error(`${at}/item`, `onbekend onderdeel "${on.item}"`);
          return;
        }
        const allowed = EVENTS[target.kind];
        if (allowed && typeof on.event === 'string' && !allowed.includes(on.event)) {
          error(
            `${at}/event`,
            `"${on.event}" kan niet bij een ${target.kind}; kies uit ${allowed.join(', ')}`,
          );
        }
        if (entry && owner && (on.item === owner || inside(on.item, owner))) {
          error(`${at}/item`, `"${owner}" wacht op "${on.item}", dat pas bestaat als "${owner}" begonnen is`);
        }
      });
      condition(`${path}/${k}/if`, criterion.if);
    });
  };

  items.forEach((item, i) => {
    if (!isObj(item)) return;
    const id = typeof item.id === 'string' ? item.id : null;
    const at = `/items/${i}`;
    if (typeof item.stage === 'string') {
      const parent = known.get(item.stage);
      if (!parent) error(`${at}/stage`, `onbekende fase "${item.stage}"`);
      else if (parent.kind !== 'stage') error(`${at}/stage`, `"${item.stage}" is geen fase (stage)`);
    }
    criteria(`${at}/entry`, item.entry, id, true);
    criteria(`${at}/exit`, item.exit, id, false);
    if (isObj(item.repeat)) condition(`${at}/repeat/if`, item.repeat.if);
    if (item.repeat) {
      const entries = list(item.entry);
      if (item.kind === 'milestone' && entries.length === 0) {
        error(
          `${at}/repeat`,
          'een herhaalbare mijlpaal zonder entry-criterium wordt eindeloos opnieuw bereikt',
        );
      }
      entries.forEach((c, k) => {
        if (isObj(c) && list(c.on).length === 0) {
          error(
            `${at}/entry/${k}`,
            'een herhaalbaar onderdeel met alleen een voorwaarde herhaalt zich eindeloos zolang die waar is; laat het ook op een gebeurtenis ("on") wachten',
          );
        }
      });
    }
  });

  // Stage nesting must be a tree. Report each cycle once, at its first member in the document.
  const reported = new Set<string>();
  for (const [id] of known) {
    const path: string[] = [];
    let at: string | undefined = id;
    while (at !== undefined && !path.includes(at) && known.has(at)) {
      path.push(at);
      at = parentOf(at);
    }
    if (at === undefined || !path.includes(at)) continue;
    const cycle = path.slice(path.indexOf(at));
    const key = [...cycle].sort().join(' ');
    if (reported.has(key)) continue;
    reported.add(key);
    const first = cycle.reduce((a, b) => (known.get(a)!.index <= known.get(b)!.index ? a : b));
    const start = cycle.indexOf(first);
    const ring = [...cycle.slice(start), ...cycle.slice(0, start), first];
    error(
      `/items/${known.get(first)!.index}/stage`,
      `fasen zitten in elkaar in een kring: ${ring.join(' → ')}`,
    );
  }

  criteria('/exit', doc.exit, null, false);
  return errors;
}
