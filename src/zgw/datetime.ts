/**
 * A moment as a ZGW client writes it. The reference implementation (Open Zaak, Django with
 * `TIME_ZONE = "UTC"`) reads a date-time without offset, and a bare date, as UTC; so does Loket, in every
 * API, whatever the time zone of the machine it runs on.
 */
export function parseDateTime(value: string): Date {
  const iso = value.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return new Date(`${iso}T00:00:00Z`);
  return new Date(/[zZ]$|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}
