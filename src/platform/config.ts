import { resolve } from 'node:path';
import { DEFAULT_POOL_SIZE } from './db/database.ts';

/** Everything Loket reads from the environment, in one typed object. */
export interface Config {
  port: number;
  host: string;
  /** Every absolute URL in API responses starts with this (no trailing slash). */
  baseUrl: string;
  /** PostgreSQL connection string; when absent Loket runs on embedded PGlite in dataDir. */
  databaseUrl: string | null;
  /** PostgreSQL schema to use instead of the default (several installations or benchmarks in one database). */
  databaseSchema: string | null;
  /** Connections to PostgreSQL this process keeps at most, one of them listening (not used with PGlite). */
  databasePoolSize: number;
  dataDir: string;
  logLevel: string;
  /** Demo mode: demo data, the local identity provider and the fake outside world (BRP). Never in production. */
  demo: boolean;
  /** Largest accepted request body in bytes (file content goes through the streaming upload instead). */
  bodyLimit: number;
  /** Oldest accepted ZGW JWT, in seconds since its iat. */
  jwtMaxAgeSeconds: number;
  /** Secret for signing session cookies; generated per data folder when not configured. */
  sessionSecret: string | null;
  /** Where public reference data (selectielijst, ZGW suite) lives. */
  sharedDir: string;
  /** Base URL of the Referentielijsten API; null = Loket's own local one. */
  referentielijstenUrl: string | null;
  /** OpenID Connect provider for citizens and staff; null in demo mode means the local demo provider. */
  oidc: {
    issuer: string;
    citizen: { clientId: string; clientSecret: string };
    staff: { clientId: string; clientSecret: string };
  } | null;
  /** Dispatcher polling fallback in ms (pg_notify wakes it sooner). */
  outboxPollMs: number;
  /**
   * The Haal Centraal BRP Personen API (up to and including its prefix). In demo mode without
   * LOKET_BRP_URL, Loket's own BRP test service with the demo people stands in for it.
   */
  brp: { baseUrl: string; apiKey: string | null; local: boolean } | null;
  /** Where every ZGW notification also goes as a CloudEvent (NL GOV profile, JSON structured mode). */
  cloudEventsSinks: string[];
  /** Django fixture file or folder of the ZGW conformance suite (clients, applicaties, kanalen), seeded at start. */
  zgwFixtures: string | null;
  /**
   * Document content: an S3-compatible store when LOKET_S3_* is set, else files under `dataDir/documenten`;
   * and the size of the bestandsdelen a large upload is split into.
   */
  documents: {
    s3: { endpoint: string; bucket: string; accessKey: string; secretKey: string; region: string } | null;
    partSize: number;
  };
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return n;
}

/** At least two: one connection listens for notifications, the others run statements. */
function poolSize(env: NodeJS.ProcessEnv): number {
  const n = int(env, 'LOKET_DB_POOL', DEFAULT_POOL_SIZE);
  if (n < 2) throw new ConfigError(`LOKET_DB_POOL must be at least 2, got "${env.LOKET_DB_POOL}"`);
  return n;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (!v) throw new ConfigError(`${name} is required when LOKET_OIDC_ISSUER is set`);
  return v;
}

function urlList(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of list) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(u).protocol);
    } catch {}
    if (!ok) throw new ConfigError(`${name} must be comma-separated http(s) URLs, got "${u}"`);
  }
  return list;
}

function s3Config(env: NodeJS.ProcessEnv): Config['documents']['s3'] {
  if (!env.LOKET_S3_ENDPOINT) return null;
  const endpoint = urlList(env, 'LOKET_S3_ENDPOINT')[0] as string;
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new ConfigError(`${name} is required when LOKET_S3_ENDPOINT is set`);
    return v;
  };
  return {
    endpoint,
    bucket: need('LOKET_S3_BUCKET'),
    accessKey: need('LOKET_S3_ACCESS_KEY'),
    secretKey: need('LOKET_S3_SECRET_KEY'),
    region: env.LOKET_S3_REGION || 'us-east-1',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env, 'PORT', 3000);
  const host = env.HOST || '127.0.0.1';
  const baseUrl = (env.BASE_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(
    /\/+$/,
    '',
  );
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`BASE_URL must be an absolute URL, got "${baseUrl}"`);
  }
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const demo = (env.LOKET_DEMO ?? '0') === '1';
  return {
    port,
    host,
    baseUrl,
    databaseUrl,
    databaseSchema: env.LOKET_DB_SCHEMA || null,
    databasePoolSize: poolSize(env),
    dataDir: resolve(env.LOKET_DATA_DIR || './data'),
    logLevel: env.LOG_LEVEL || 'info',
    demo,
    bodyLimit: int(env, 'LOKET_BODY_LIMIT', 1024 * 1024),
    jwtMaxAgeSeconds: int(env, 'LOKET_JWT_MAX_AGE', 3600),
    sessionSecret: env.LOKET_SESSION_SECRET || null,
    sharedDir: resolve(env.LOKET_SHARED_DIR || '../shared'),
    referentielijstenUrl: env.LOKET_REFERENTIELIJSTEN_URL || null,
    outboxPollMs: int(env, 'LOKET_OUTBOX_POLL_MS', 1000),
    brp: env.LOKET_BRP_URL
      ? {
          baseUrl: urlList(env, 'LOKET_BRP_URL')[0] as string,
          apiKey: env.LOKET_BRP_API_KEY || null,
          local: false,
        }
      : demo
        ? { baseUrl: `${baseUrl}/haalcentraal/api/brp`, apiKey: 'demo-brp-sleutel', local: true }
        : null,
    cloudEventsSinks: urlList(env, 'LOKET_CLOUDEVENTS_SINKS'),
    zgwFixtures: env.LOKET_ZGW_FIXTURES ? resolve(env.LOKET_ZGW_FIXTURES) : null,
    documents: { s3: s3Config(env), partSize: int(env, 'LOKET_DOCUMENT_PART_SIZE', 64 * 1024 * 1024) || 1 },
    oidc: env.LOKET_OIDC_ISSUER
      ? {
          issuer: env.LOKET_OIDC_ISSUER,
          citizen: {
            clientId: required(env, 'LOKET_OIDC_CITIZEN_CLIENT_ID'),
            clientSecret: required(env, 'LOKET_OIDC_CITIZEN_CLIENT_SECRET'),
          },
          staff: {
            clientId: required(env, 'LOKET_OIDC_STAFF_CLIENT_ID'),
            clientSecret: required(env, 'LOKET_OIDC_STAFF_CLIENT_SECRET'),
          },
        }
      : null,
  };
}
