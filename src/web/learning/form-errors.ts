import { Problem } from '../../platform/http/problem.ts';
import type { FieldError } from '../shared/index.ts';

/** A refused form post as field errors for the page (a 400 Problem), or rethrows anything else. */
export function fieldErrorsOf(err: unknown): FieldError[] {
  if (err instanceof Problem && err.status === 400 && err.invalidParams?.length)
    return err.invalidParams.map((p) => ({ name: p.name, message: p.reason }));
  throw err;
}

export const errorFor = (errors: readonly FieldError[], name: string) =>
  errors.find((e) => e.name === name)?.message;
