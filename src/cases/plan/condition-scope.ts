import { date, dateAndTime } from 'feelin';
import { localDate } from './calendar.ts';
import { type ConditionOutcome, evaluateCondition } from './conditions.ts';
import type { PlanEvent, PlanState } from './types.ts';

/**
 * What conditions see during one event: the case data, the facts the plan keeps (documents, decision), the
 * event itself, and today()/now() from the event time. Each expression is evaluated once per event (the
 * data does not change while the plan settles) unless the event changes data or facts first.
 */
export class ConditionScope {
  private memo = new Map<string, ConditionOutcome>();
  private context: Record<string, unknown> | null = null;

  constructor(
    private readonly state: PlanState,
    private readonly now: Date,
    private readonly event?: PlanEvent,
  ) {}

  /** Case data or facts changed. */
  reset(): void {
    this.memo = new Map();
    this.context = null;
  }

  evaluate(expression: string): ConditionOutcome {
    let outcome = this.memo.get(expression);
    if (!outcome) {
      outcome = evaluateCondition(expression, this.build());
      this.memo.set(expression, outcome);
    }
    return outcome;
  }

  private build(): Record<string, unknown> {
    if (!this.context) {
      const event = this.event ? { ...this.event, actor: undefined } : null;
      // The clock comes from the event, never from the machine: replaying an event gives the same result.
      // Built on first use: a FEEL temporal value costs ~50 µs, more than evaluating all conditions.
      let today: unknown;
      let now: unknown;
      this.context = {
        ...this.state.data,
        documents: this.state.facts.documents,
        decision: this.state.facts.decision,
        event,
        today: () => (today ??= date(localDate(this.now))),
        now: () => (now ??= dateAndTime(this.now.toISOString())),
      };
    }
    return this.context;
  }
}
