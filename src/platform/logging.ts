import { type DestinationStream, type Logger, pino } from 'pino';
import { maskBsns } from './bsn.ts';

/**
 * Keys whose values are personal data. Matched case-insensitively anywhere in a log object,
 * so a module cannot leak a name by nesting it one level deeper.
 */
const PERSONAL_KEYS = new Set(
  [
    'bsn',
    'burgerservicenummer',
    'inpBsn',
    'name',
    'naam',
    'voornamen',
    'voornaam',
    'geslachtsnaam',
    'achternaam',
    'familyName',
    'givenName',
    'address',
    'adres',
    'straat',
    'straatnaam',
    'huisnummer',
    'postcode',
    'woonplaats',
    'verblijfplaats',
    'email',
    'telefoonnummer',
    'phone',
    'authorization',
    'cookie',
    'set-cookie',
    'password',
    'secret',
  ].map((k) => k.toLowerCase()),
);

const MASK = '[redacted]';

/** Deep-copies a log value, masking personal keys and any valid BSN inside strings. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskBsns(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  // Errors go to the err serializer, which masks them.
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  // Requests, responses and other class instances are left to the serializers below.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = PERSONAL_KEYS.has(k.toLowerCase()) ? MASK : redact(v, depth + 1);
  }
  return out;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'loket' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => redact(obj) as Record<string, unknown> },
      hooks: {
        // Messages are strings the formatter does not see; mask BSNs there too.
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskBsns(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string }) => ({
          method: req.method,
          // Query strings often carry personal data (?bsn=…): log only the path, BSNs masked.
          url: req.url ? maskBsns(req.url.split('?')[0]) : undefined,
          id: req.id,
        }),
        // The std serializer's result has its own prototype; copy it so redact() walks it.
        err: (err: Error) => redact({ ...pino.stdSerializers.err(err) }),
      },
    },
    destination,
  );
}
