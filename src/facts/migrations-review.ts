import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/** How a professional closed a review task: the new outcome accepted, or the old one kept with motivation. */
export const reviewMigrations: MigrationSet = {
  '2026_11_23_9110_review_resolution': sqlMigration([
    `alter table review_task
      add column resolution text check (resolution in ('accepted', 'kept')),
      add column motivation text,
      add column resolved_by text,
      add column resolved_at timestamptz,
      add column new_decision_id uuid`,
  ]),
};
