import { type MigrationSet, sqlMigration } from '../db/migrate.ts';

export const outboxMigrations: MigrationSet = {
  '2026_11_23_0100_outbox': sqlMigration([
    `create table outbox_event (
      id bigserial primary key,
      organisation_id text not null,
      topic text not null,
      payload jsonb not null,
      trace_id text,
      created_at timestamptz not null default now(),
      fanned_out boolean not null default false
    )`,
    'create index outbox_event_pending on outbox_event (id) where not fanned_out',
    `create table outbox_delivery (
      id bigserial primary key,
      organisation_id text not null,
      event_id bigint not null references outbox_event (id),
      consumer text not null,
      target text not null default '',
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (event_id, consumer, target)
    )`,
    `create index outbox_delivery_due on outbox_delivery (next_attempt_at) where status = 'pending'`,
    `create table event_subscription (
      id uuid primary key,
      organisation_id text not null,
      label text not null,
      topics text[] not null,
      callback_url text not null,
      auth_header text,
      active boolean not null default true,
      created_at timestamptz not null default now()
    )`,
  ]),
};
