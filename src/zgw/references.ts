import { Problem } from '../platform/http/problem.ts';

/**
 * Validates a URL reference to a resource elsewhere the way the ZGW reference implementation does:
 * it must answer 200 with JSON (`bad-url` otherwise) and look like the expected resource
 * (`invalid-resource` otherwise). Never a 500 for someone else's broken URL.
 */
export async function fetchReference(
  field: string,
  url: string,
  looksRight: (body: Record<string, unknown>) => boolean = () => true,
  init: RequestInit = {},
): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    const res = await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(5000) });
    if (res.status !== 200) {
      await res.body?.cancel();
      throw badUrl(field);
    }
    const text = await res.text();
    try {
      body = JSON.parse(text);
    } catch {
      // It answers, but not with a resource: the URL is fine, what it points at is not.
      throw invalidResource(field);
    }
  } catch (err) {
    if (err instanceof Problem) throw err;
    throw badUrl(field);
  }
  if (
    !body ||
    typeof body !== 'object' ||
    Array.isArray(body) ||
    !looksRight(body as Record<string, unknown>)
  ) {
    throw invalidResource(field);
  }
  return body as Record<string, unknown>;
}

export const badUrl = (field: string) =>
  new Problem(400, 'invalid', 'Invalid input.', 'De URL kan niet opgehaald worden.', [
    { name: field, code: 'bad-url', reason: 'De URL kan niet opgehaald worden.' },
  ]);

export const invalidResource = (field: string) =>
  new Problem(400, 'invalid', 'Invalid input.', 'De URL wijst niet naar een geldige resource.', [
    { name: field, code: 'invalid-resource', reason: 'De URL wijst niet naar een geldige resource.' },
  ]);
