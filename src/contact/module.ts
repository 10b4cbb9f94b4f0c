import type { LoketModule } from '../platform/module.ts';
import { demoMailbox, mailNotificationConsumer } from './mailbox.ts';
import { contactMigrations } from './migrations.ts';

/**
 * Always a human within reach: call-back and appointment requests as tasks with a service-level deadline
 * for the right team, contact moments per person and case, and (demo) e-mail notifications caught in a
 * local mailbox. The pages are in src/web/contact.
 */
export function contactModule(): LoketModule {
  return {
    name: 'contact',
    migrations: contactMigrations,
    register({ config, dispatcher }) {
      // Only the demo has a mail sender (its local mailbox); a real one (SMTP) plugs in as a MailSender.
      if (config.demo) dispatcher.register(mailNotificationConsumer(demoMailbox));
    },
  };
}
