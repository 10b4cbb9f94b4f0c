import { type InvalidParam, problems } from '../platform/http/problem.ts';

/**
 * Collects validation errors in the order the reference implementation reports them: field errors first
 * (all of them), then object rules, of which some are reported together and some alone.
 */
export class Invalid {
  readonly params: InvalidParam[] = [];
  add(name: string, code: string, reason: string): this {
    this.params.push({ name, code, reason });
    return this;
  }
  nonField(code: string, reason: string): this {
    return this.add('nonFieldErrors', code, reason);
  }
  get any(): boolean {
    return this.params.length > 0;
  }
  throwIfAny(): void {
    if (this.any) throw problems.validation(this.params);
  }
}
