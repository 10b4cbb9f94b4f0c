import type { ContactRequest } from '../../contact/index.ts';
import { html, type SafeHtml } from '../shared/index.ts';
import { contactPageTexts } from './texts.nl.ts';

/** The labels of a request's state; each page words "open" its own way ("Open", "Op tijd"). */
export interface RequestTagLabels {
  closed: string;
  overdue: string;
  open: string;
}

/**
 * A call-back or appointment request's state as a tag: handled, late (past its due date) or open. The
 * labels are the call-back queue's unless a page words them its own way.
 */
export function requestStatusTag(
  r: ContactRequest,
  today: string,
  wording: Partial<RequestTagLabels> = {},
): SafeHtml {
  const labels = { ...contactPageTexts.queue, ...wording };
  if (r.status === 'closed') return html`<span class="loket-tag loket-tag--done">${labels.closed}</span>`;
  if (r.dueDate < today) return html`<span class="loket-tag loket-tag--todo">${labels.overdue}</span>`;
  return html`<span class="loket-tag loket-tag--upcoming">${labels.open}</span>`;
}
