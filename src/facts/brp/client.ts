import { isValidBsn } from '../../platform/bsn.ts';
import type {
  HaalCentraalInvalidParam,
  HaalCentraalPersoon,
  HaalCentraalProblem,
  PersonenQueryResponse,
  QueryType,
} from './haal-centraal.ts';
import { type Persoon, toPersoon } from './persoon.ts';

/**
 * How Loket reads person data from the BRP. `fields` are Haal Centraal field paths (e.g. "naam",
 * "partners", "geboorte.datum"): ask only what the purpose needs — the BRP authorises and logs per
 * field, and so does Loket's processing log.
 */
export interface BrpClient {
  /** The person, or null when the BRP has no one with this BSN (or not in the given municipality). */
  getPerson(bsn: string, fields: readonly string[], options?: LookupOptions): Promise<Persoon | null>;
  /** Every asked BSN as a key; null where the BRP has no such person. */
  getPersons(
    bsns: readonly string[],
    fields: readonly string[],
    options?: LookupOptions,
  ): Promise<Map<string, Persoon | null>>;
  /** Search; answers carry only the PersoonBeperkt fields. Deceased people only when asked. */
  findByNameAndBirthDate(query: NameAndBirthDateQuery, fields: readonly string[]): Promise<Persoon[]>;
  /** Everyone registered at an address (PersoonBeperkt fields). */
  findByAddress(query: AddressQuery, fields: readonly string[]): Promise<Persoon[]>;
}

export interface LookupOptions {
  /** Only people registered in this municipality (4-digit gemeentecode). */
  gemeenteVanInschrijving?: string;
}

export interface NameAndBirthDateQuery {
  geslachtsnaam: string;
  /** YYYY-MM-DD */
  geboortedatum: string;
  voornamen?: string;
  voorvoegsel?: string;
  geslacht?: 'M' | 'V' | 'O';
  gemeenteVanInschrijving?: string;
  inclusiefOverledenPersonen?: boolean;
}

export interface AddressQuery {
  postcode: string;
  huisnummer: number;
  huisletter?: string;
  huisnummertoevoeging?: string;
  gemeenteVanInschrijving?: string;
  inclusiefOverledenPersonen?: boolean;
}

/** Base of every failure, so a caller can tell BRP trouble from its own bugs. */
export abstract class BrpError extends Error {
  readonly source = 'BRP';
}

/**
 * The BRP could not be reached or did not answer properly. Not the person's fault: tell them
 * honestly that the source is unavailable and what happens next (citizenMessage), and retry later.
 */
export class SourceUnavailableError extends BrpError {
  readonly citizenMessage =
    'We kunnen uw gegevens nu niet ophalen uit de Basisregistratie Personen (BRP). Dat ligt niet aan u. ' +
    'Probeer het later opnieuw, of neem contact met ons op.';
  constructor(
    readonly reason: 'network' | 'timeout' | 'server-error' | 'rate-limited' | 'unexpected-response',
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceUnavailableError';
  }
}

/** Loket asked something the BRP refuses as invalid (a bug or bad input, never worth retrying). */
export class InvalidRequestError extends BrpError {
  constructor(
    message: string,
    readonly invalidParams: HaalCentraalInvalidParam[],
    readonly problem?: HaalCentraalProblem,
  ) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** The BRP refuses Loket's credentials or authorisation (401/403): an operator must act. */
export class SourceAccessDeniedError extends BrpError {
  constructor(
    readonly status: number,
    readonly problem?: HaalCentraalProblem,
  ) {
    super(`BRP refused access (${status}${problem?.title ? `: ${problem.title}` : ''})`);
    this.name = 'SourceAccessDeniedError';
  }
}

export interface HaalCentraalBrpConfig {
  /** Up to and including the API prefix, e.g. https://proefomgeving.haalcentraal.nl/haalcentraal/api/brp */
  baseUrl: string;
  apiKey?: string;
  /** Header for the API key; the RvIG gateway uses X-API-Key. */
  apiKeyHeader?: string;
  bearerToken?: string;
  /** Whole request including reading the answer; default 5 s. */
  timeoutMs?: number;
  /** Replaceable for tests; default the global fetch. */
  fetch?: typeof fetch;
  now?: () => Date;
}

/** The API accepts at most this many BSNs per RaadpleegMetBurgerservicenummer. */
const MAX_BSNS_PER_REQUEST = 20;

export class HaalCentraalBrpClient implements BrpClient {
  private readonly url: string;

  constructor(private readonly config: HaalCentraalBrpConfig) {
    this.url = `${config.baseUrl.replace(/\/+$/, '')}/personen`;
  }

  async getPerson(
    bsn: string,
    fields: readonly string[],
    options: LookupOptions = {},
  ): Promise<Persoon | null> {
    return (await this.getPersons([bsn], fields, options)).get(bsn) ?? null;
  }

  async getPersons(
    bsns: readonly string[],
    fields: readonly string[],
    options: LookupOptions = {},
  ): Promise<Map<string, Persoon | null>> {
    // A number that fails the elfproef is no BSN: refuse it here rather than ask the BRP about it.
    const invalid = bsns.filter((b) => !isValidBsn(b));
    if (invalid.length > 0) {
      throw new InvalidRequestError(
        'not a valid BSN (elfproef)',
        invalid.map(() => ({
          name: 'burgerservicenummer',
          code: 'bsn',
          reason: 'Waarde is geen geldig BSN.',
        })),
      );
    }
    const unique = [...new Set(bsns)];
    const result = new Map<string, Persoon | null>(unique.map((b) => [b, null]));
    for (let i = 0; i < unique.length; i += MAX_BSNS_PER_REQUEST) {
      const chunk = unique.slice(i, i + MAX_BSNS_PER_REQUEST);
      const found = await this.query('RaadpleegMetBurgerservicenummer', fields, {
        burgerservicenummer: chunk,
        ...options,
      });
      for (const p of found) if (result.has(p.bsn)) result.set(p.bsn, p);
    }
    return result;
  }

  findByNameAndBirthDate(query: NameAndBirthDateQuery, fields: readonly string[]): Promise<Persoon[]> {
    return this.query('ZoekMetGeslachtsnaamEnGeboortedatum', fields, { ...query });
  }

  findByAddress(query: AddressQuery, fields: readonly string[]): Promise<Persoon[]> {
    return this.query('ZoekMetPostcodeEnHuisnummer', fields, { ...query });
  }

  private async query(type: QueryType, asked: readonly string[], params: object): Promise<Persoon[]> {
    // The BSN is added below, which would hide a call that asks for nothing: refuse that as the API would.
    if (asked.length === 0) {
      throw new InvalidRequestError('fields is empty', [
        { name: 'fields', code: 'minItems', reason: 'Array bevat minder dan 1 items.' },
      ]);
    }
    // Without its BSN an answer cannot be told apart from the others or stored as a fact about someone.
    // Appended, so the indexes in a 400's invalidParams (fields[i]) still match the caller's list.
    const fields = asked.includes('burgerservicenummer') ? asked : [...asked, 'burgerservicenummer'];
    const answer = (await this.post({ type, fields, ...params })) as PersonenQueryResponse;
    const retrievedAt = (this.config.now ?? (() => new Date()))();
    return (answer.personen ?? []).map((p: HaalCentraalPersoon) => toPersoon(p, fields, retrievedAt));
  }

  private async post(body: object): Promise<unknown> {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json; charset=utf-8',
    };
    if (this.config.apiKey) headers[this.config.apiKeyHeader ?? 'X-API-Key'] = this.config.apiKey;
    if (this.config.bearerToken) headers.authorization = `Bearer ${this.config.bearerToken}`;
    const timeoutMs = this.config.timeoutMs ?? 5000;
    const doFetch = this.config.fetch ?? fetch;
    let response: Response;
    let text: string;
    try {
      // One signal covers connecting, waiting and reading the body.
      const signal = AbortSignal.timeout(timeoutMs);
      response = await doFetch(this.url, { method: 'POST', headers, body: JSON.stringify(body), signal });
      text = await response.text();
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      throw timedOut
        ? new SourceUnavailableError('timeout', `BRP did not answer within ${timeoutMs} ms`, undefined, {
            cause: err,
          })
        : new SourceUnavailableError('network', `BRP unreachable: ${(err as Error).message}`, undefined, {
            cause: err,
          });
    }
    const json = parseJson(text);
    const status = response.status;
    if (status === 200) {
      if (
        typeof json !== 'object' ||
        json === null ||
        !Array.isArray((json as { personen?: unknown }).personen ?? [])
      ) {
        throw new SourceUnavailableError(
          'unexpected-response',
          'BRP answered 200 without a valid body',
          status,
        );
      }
      return json;
    }
    const problem = isProblem(json) ? json : undefined;
    if (status === 400) {
      throw new InvalidRequestError(
        problem?.detail ?? problem?.title ?? 'BRP refused the request',
        problem?.invalidParams ?? [],
        problem,
      );
    }
    if (status === 401 || status === 403) throw new SourceAccessDeniedError(status, problem);
    if (status === 429) throw new SourceUnavailableError('rate-limited', 'BRP: too many requests', status);
    if (status >= 500) {
      throw new SourceUnavailableError(
        'server-error',
        `BRP answered ${status}${problem ? `: ${problem.title}` : ''}`,
        status,
      );
    }
    // 404, 406, 415 and the like mean the URL or the protocol is wrong: the source is not usable.
    throw new SourceUnavailableError('unexpected-response', `BRP answered ${status}`, status);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblem(value: unknown): value is HaalCentraalProblem {
  return (
    typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'number'
  );
}
