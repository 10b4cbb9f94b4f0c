import type { NavItem } from './navigation.ts';
import { texts } from './texts.nl.ts';

/**
 * The menu of the professional's workbench, in one place: every workbench page shows it, whichever module
 * draws the page (src/web/workbench, src/web/learning, src/web/contact), so each part is one click away.
 */
export const WORKBENCH_PATHS = {
  queue: '/werkplek',
  behalf: '/werkplek/namens',
  callBacks: '/werkplek/terugbelverzoeken',
  signals: '/werkplek/signalen',
  insight: '/werkplek/inzicht',
  corrections: '/werkplek/correcties',
} as const;

/** The workbench's help desk: where "Ik wil iemand spreken" leads a professional. */
export const WORKBENCH_HELP_PATH = '/werkplek/hulp';
/** How to raise a signal, in words to escalate with (src/web/learning); the help desk links to it. */
export const SIGNALS_HELP_PATH = '/werkplek/signalen/hulp';

/** The menu items, the one for the part the page belongs to marked current (case pages: the queue). */
export function workbenchMenu(currentPath: string): NavItem[] {
  const path = currentPath.split('?')[0] ?? '';
  const m = texts.workbenchMenu;
  const items: { href: string; text: string; also?: string }[] = [
    { href: WORKBENCH_PATHS.queue, text: m.queue, also: `${WORKBENCH_PATHS.queue}/zaken/` },
    { href: WORKBENCH_PATHS.behalf, text: m.behalf },
    { href: WORKBENCH_PATHS.callBacks, text: m.callBacks },
    { href: WORKBENCH_PATHS.signals, text: m.signals },
    { href: WORKBENCH_PATHS.insight, text: m.insight },
    { href: WORKBENCH_PATHS.corrections, text: m.corrections },
  ];
  return items.map((i) => ({
    href: i.href,
    text: i.text,
    current:
      path === i.href ||
      (i.href !== WORKBENCH_PATHS.queue && path.startsWith(`${i.href}/`)) ||
      (i.also !== undefined && path.startsWith(i.also)),
  }));
}
