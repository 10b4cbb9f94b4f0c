/** The ZGW APIs Loket serves and where. */
export const ZGW_APIS = {
  zaken: '/zaken/api/v1',
  catalogi: '/catalogi/api/v1',
  documenten: '/documenten/api/v1',
  besluiten: '/besluiten/api/v1',
  autorisaties: '/autorisaties/api/v1',
  notificaties: '/notificaties/api/v1',
} as const;
export type ZgwApi = keyof typeof ZGW_APIS;

export function resourceUrl(baseUrl: string, api: ZgwApi, resource: string, id: string): string {
  return `${baseUrl}${ZGW_APIS[api]}/${resource}/${id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Recognises a URL of one of Loket's own resources, so references between Loket's APIs are resolved
 * in the database instead of over HTTP. Returns null for anything else (remote URLs are fetched).
 */
export function parseLocalUrl(
  baseUrl: string,
  url: string,
): { api: ZgwApi; resource: string; id: string; sub?: string } | null {
  if (!url.startsWith(`${baseUrl}/`)) return null;
  const path = url.slice(baseUrl.length).split('?')[0].replace(/\/+$/, '');
  for (const [api, prefix] of Object.entries(ZGW_APIS) as [ZgwApi, string][]) {
    if (!path.startsWith(`${prefix}/`)) continue;
    const [resource, id, sub] = path.slice(prefix.length + 1).split('/');
    if (!resource || !id || !UUID.test(id)) return null;
    return { api, resource, id: id.toLowerCase(), sub };
  }
  return null;
}
