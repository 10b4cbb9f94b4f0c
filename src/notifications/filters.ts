/** `verantwoordelijke_organisatie` and `verantwoordelijkeOrganisatie` are the same kenmerk. */
export function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Whether a notification's kenmerken pass an abonnement's filters (as the reference implementation does):
 * every filter on a kenmerk the notification carries must equal it, or be `*`; filters on kenmerken the
 * notification does not carry are ignored.
 */
export function matchesFilters(filters: Record<string, string>, kenmerken: Record<string, string>): boolean {
  const given = new Map(Object.entries(kenmerken ?? {}).map(([k, v]) => [camel(k), v]));
  for (const [key, value] of Object.entries(filters ?? {})) {
    const actual = given.get(camel(key));
    if (actual === undefined) continue;
    if (value !== '*' && value !== actual) return false;
  }
  return true;
}

/** The reference implementation's rule for filter names against a kanaal: one set contains the other. */
export function consistentWithKanaal(kanaalFilters: string[], names: string[]): boolean {
  const kanaal = new Set(kanaalFilters.map(camel));
  const other = new Set(names.map(camel));
  const subset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
  return subset(kanaal, other) || subset(other, kanaal);
}
