import { randomUUID } from 'node:crypto';
import { httpTexts } from './texts.nl.ts';

export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** The ZGW problem+json body (NLGov API Design Rules, ZGW "Fout" schema). */
export interface ProblemBody {
  type: string;
  code: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  invalidParams?: InvalidParam[];
}

/**
 * An error that becomes an application/problem+json answer. Throw it from any handler or
 * service; the error handler renders it. `kind` names the `type` URL (e.g. ValidationError).
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string = title,
    readonly invalidParams?: InvalidParam[],
    readonly kind: string = kindFor(status),
  ) {
    super(detail);
  }

  body(baseUrl: string): ProblemBody {
    const body: ProblemBody = {
      type: `${baseUrl}/ref/fouten/${this.kind}/`,
      code: this.code,
      title: this.title,
      status: this.status,
      detail: this.detail,
      instance: `urn:uuid:${randomUUID()}`,
    };
    if (this.status === 400) body.invalidParams = this.invalidParams ?? [];
    return body;
  }
}

function kindFor(status: number): string {
  switch (status) {
    case 400:
      return 'ValidationError';
    case 401:
      return 'NotAuthenticated';
    case 403:
      return 'PermissionDenied';
    case 404:
      return 'NotFound';
    case 405:
      return 'MethodNotAllowed';
    case 406:
      return 'NotAcceptable';
    case 409:
      return 'Conflict';
    case 412:
      return 'PreconditionFailed';
    case 413:
      return 'PayloadTooLarge';
    case 415:
      return 'UnsupportedMediaType';
    default:
      return status >= 500 ? 'APIException' : 'ClientError';
  }
}

export const problems = {
  validation: (invalidParams: InvalidParam[], detail?: string) =>
    new Problem(
      400,
      'invalid',
      httpTexts.validationTitle,
      detail ?? invalidParams.map((p) => p.reason).join(' '),
      invalidParams,
    ),
  invalidField: (name: string, code: string, reason: string) =>
    new Problem(400, 'invalid', httpTexts.validationTitle, reason, [{ name, code, reason }]),
  notAuthenticated: (detail: string = httpTexts.notAuthenticated) =>
    new Problem(401, 'not_authenticated', httpTexts.notAuthenticated, detail),
  permissionDenied: (detail: string = httpTexts.permissionDenied) =>
    new Problem(403, 'permission_denied', httpTexts.permissionDenied, detail),
  notFound: (detail: string = httpTexts.notFound) =>
    new Problem(404, 'not_found', httpTexts.notFound, detail),
};
