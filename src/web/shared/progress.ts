import { type DateInput, dateTime, link } from './components.ts';
import { attrs, classes, html, type Renderable, type SafeHtml } from './html.ts';
import { texts } from './texts.nl.ts';

/**
 * Where a case stands and what the person still has to do. Every date says what it means: planned,
 * the legal deadline, or when it was done. Steps and tasks are data; the page only passes them in.
 */

export type StepStatus = 'done' | 'current' | 'upcoming';
export type DateMeaning = 'planned' | 'legalDeadline' | 'done';

export interface TimelineDate {
  meaning: DateMeaning;
  date: DateInput;
}

export interface TimelineStep {
  title: string;
  status: StepStatus;
  dates?: readonly TimelineDate[];
  description?: Renderable;
}

/** A case's milestones in order, as a numbered list; the step in progress is marked for screen readers. */
export function timeline(steps: readonly TimelineStep[], options: { label?: string } = {}): SafeHtml {
  const items = steps.map((step) => {
    const dates = (step.dates ?? []).map(
      (d) =>
        html`<li class="${`loket-timeline__date loket-timeline__date--${d.meaning}`}">${texts.timeline.date[d.meaning]} ${dateTime(d.date)}</li>`,
    );
    return html`<li${attrs({
      class: `loket-timeline__step loket-timeline__step--${step.status}`,
      'aria-current': step.status === 'current' ? 'step' : undefined,
    })}>
<span class="loket-timeline__marker" aria-hidden="true"></span>
<p class="loket-timeline__title"><strong>${step.title}</strong> <span class="${`loket-tag loket-tag--${step.status}`}">${texts.timeline.status[step.status]}</span></p>
${dates.length > 0 && html`<ul class="loket-timeline__dates">${dates}</ul>`}
${step.description && html`<div class="loket-timeline__description">${step.description}</div>`}
</li>`;
  });
  return html`<ol class="loket-timeline" aria-label="${options.label ?? texts.timeline.label}">${items}</ol>`;
}

export type TaskStatus = 'todo' | 'inProgress' | 'done' | 'notYet';

export interface Task {
  title: string;
  status: TaskStatus;
  /** Where to do the task; tasks that cannot start yet have no link. */
  href?: string;
  deadline?: DateInput;
  hint?: string;
}

/** Tasks for the person, each with its status in words and, when there is one, the date to do it by. */
export function taskList(tasks: readonly Task[], options: { label?: string } = {}): SafeHtml {
  const items = tasks.map((task) => {
    const hasHint = Boolean(task.deadline || task.hint);
    const title =
      task.href && task.status !== 'notYet'
        ? link(task.href, task.title, { className: 'loket-task-list__link' })
        : html`<span class="loket-task-list__name">${task.title}</span>`;
    return html`<li class="${classes('loket-task-list__item', `loket-task-list__item--${task.status}`)}">
<div class="loket-task-list__title">${title}${hasHint && html`<div class="loket-task-list__hint">${task.deadline && html`<span>${texts.tasks.deadline} ${dateTime(task.deadline)}</span>`}${task.hint && html`<span>${task.hint}</span>`}</div>`}</div>
<span class="${`loket-tag loket-tag--${task.status}`}">${texts.tasks.status[task.status]}</span>
</li>`;
  });
  return html`<ul${attrs({ class: 'loket-task-list', 'aria-label': options.label })}>${items}</ul>`;
}
