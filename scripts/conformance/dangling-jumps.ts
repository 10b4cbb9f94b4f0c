import type { PostmanItemJson } from './tally.ts';

/**
 * Upstream typos in `setNextRequest("…")` targets. newman ends the whole run when a target names no
 * request, so one typo silently drops every request after it. Each entry says why the replacement is
 * the request the suite's authors meant.
 */
export const KNOWN_TYPOS: Record<string, { replacement: string; reason: string }> = {
  'Create Zaaktype for Besluittype relation creation': {
    replacement: 'Create Informatieobjecttype for Besluittype relation creation',
    reason:
      'the last request of ztc-010 jumps to the first request of ztc-011/besluittype, which creates an ' +
      'informatieobjecttype (a besluittype relates to informatieobjecttypen, not to a zaaktype); without the ' +
      'fix newman stops and ztc-011 … ztc-013 never run',
  },
  // The next three (and ztc-003s) sit in "if the test failed and the object was created, delete it"
  // branches: they only fire against a wrong answer, and then the run should go on to the next test.
  '(zrc-001f) Zaak met zaaktype bijwerken is onmogelijk': {
    replacement: '(zrc-001f) Zaak aanmaken met concept zaaktype is onmogelijk',
    reason: 'zrc-001e hands over to the next request, zrc-001f, whose name differs',
  },
  '(zrc-004a) ZaakInformatieObject aanmaken zet aard_relatie op hoort_bij': {
    replacement:
      '(zrc-004a) ZaakInformatieObject aanmaken zet aard_relatie op hoort_bij en registratiedatum op nu',
    reason: 'zrc-003d hands over to zrc-004a; the target lacks the end of its name',
  },
  '(zrc-010e) Valideren communicatiekanaal url bij bijwerken Zaak': {
    replacement: '(zrc-010e) Valideren communicatiekanaal-resource bij bijwerken Zaak',
    reason: 'zrc-010d hands over to the next request, zrc-010e, whose name differs',
  },
  '(ztc-003s) Resultaattype met afleidingswijze afgehandeld en selectielijstklasse.procestermijn vast_te_leggen_datum is mogelijk]':
    {
      replacement:
        '(ztc-003s) Resultaattype met afleidingswijze afgehandeld en selectielijstklasse.procestermijn leeg is mogelijk',
      reason:
        'ztc-003r hands over to the next request, ztc-003s, whose name differs (and ends in a stray "]")',
    },
};

/**
 * Jumps that name a request that exists, but the wrong one: the suite skips tests for every
 * implementation that answers correctly. Keyed by the request holding the jump, then its target.
 */
export const MISDIRECTED_JUMPS: Record<string, Record<string, { replacement: string; reason: string }>> = {
  '(brc-003b) BesluitInformatieObject aanmaken met ongeldige informatieobject url is niet toegestaan': {
    'Create BesluitInformatieObject': {
      replacement: 'Create different Besluit',
      reason:
        'brc-003b hands over to "Create BesluitInformatieObject", the first request of brc-005, so the folder ' +
        'brc-004 in between (its first request is "Create different Besluit") never runs: brc-004a … brc-004d ' +
        '(4 assertions) would never be tested for any implementation. brc-004 itself ends by going on to ' +
        '"Create BesluitInformatieObject", so with the fix every request runs once, in collection order',
    },
  },
};

export interface JumpRepair {
  request: string;
  target: string;
  replacement: string | null;
  reason: string;
}

/** Lines that name a next request: `setNextRequest("…")` or the `NEXT_REQUEST_NAMES` queue the common requests pop. */
const JUMP_LINE = /setNextRequest\(|NEXT_REQUEST_NAMES/;
const STRING = /(["'])((?:(?!\1).)*)\1/g;

function requests(items: PostmanItemJson[], out: PostmanItemJson[] = []): PostmanItemJson[] {
  for (const item of items) {
    if (Array.isArray(item.item)) requests(item.item, out);
    else out.push(item);
  }
  return out;
}

/**
 * Returns a copy of the collection in which known typos in jump targets and known misdirected jumps are
 * corrected, and a list of every jump to a name no request has (repaired or not) and every misdirected
 * jump repaired, so the report shows them.
 */
export function repairDanglingJumps(
  collection: PostmanItemJson,
  /** More targets to replace, e.g. the first requests of folders left out by `--only`. */
  extra: Record<string, { replacement: string; reason: string }> = {},
): {
  collection: PostmanItemJson;
  repairs: JumpRepair[];
} {
  const copy = structuredClone(collection);
  const all = requests(copy.item ?? []);
  const names = new Set(all.map((r) => r.name));
  const repairs: JumpRepair[] = [];
  for (const item of all) {
    for (const event of item.event ?? []) {
      const script = event.script;
      if (!script?.exec) continue;
      const lines = Array.isArray(script.exec) ? script.exec : script.exec.split('\n');
      script.exec = lines.map((line) => {
        if (!JUMP_LINE.test(line)) return line;
        return line.replace(STRING, (whole, quote: string, target: string) => {
          if (target === 'NEXT_REQUEST_NAMES') return whole;
          const misdirected = MISDIRECTED_JUMPS[item.name ?? '']?.[target];
          if (misdirected && names.has(misdirected.replacement)) {
            repairs.push({ request: item.name ?? '', target, ...misdirected });
            return `${quote}${misdirected.replacement}${quote}`;
          }
          if (names.has(target)) return whole;
          const known = KNOWN_TYPOS[target] ?? extra[target];
          const replacement = known && names.has(known.replacement) ? known.replacement : null;
          repairs.push({
            request: item.name ?? '',
            target,
            replacement,
            reason: replacement
              ? (known?.reason ?? '')
              : 'no request has this name; newman ends the run here',
          });
          return replacement ? `${quote}${replacement}${quote}` : whole;
        });
      });
    }
  }
  return { collection: copy, repairs };
}
