import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { WebSession } from '../platform/auth/sessions.ts';
import type { Db } from '../platform/db/database.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { registerApiGroup } from '../platform/http/api-group.ts';
import { problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';
import { processingFor, recordProcessing } from '../processing-log/index.ts';
import { closeImprovement, completeReview, improvementItems, messagesFor, reviewTasks } from './follow-up.ts';
import { correctFact, getCorrection } from './propagation.ts';
import { factsAbout } from './store.ts';
import { reportError, terugmeldingenOf } from './terugmelding.ts';

export const FACTS_PREFIX = '/loket/api/v1/gegevens';
const CITIZEN = { auth: 'session', sessionKind: 'citizen' } as const;
const STAFF = { auth: 'session', sessionKind: 'staff' } as const;

function session(req: FastifyRequest): WebSession {
  if (!req.session) throw problems.notAuthenticated();
  return req.session;
}

export async function registerFactRoutes(app: App, db: Db, baseUrl: string) {
  await registerApiGroup(
    app,
    {
      prefix: FACTS_PREFIX,
      title: 'Loket Gegevens API',
      version: '1.0.0',
      description:
        'Gegevens met hun herkomst. Een persoon ziet welke gegevens en markeringen over hem of haar worden gebruikt, meldt fouten (terugmelding) en volgt de status. De eigenaar corrigeert een gegeven bij de bron; Loket herstelt dan elke beslissing die het gebruikte.',
      baseUrl,
    },
    (group) => {
      group.get('/mijn', { config: CITIZEN, schema: { tags: ['gegevens'] } }, async (req) => {
        const s = session(req);
        const bsn = s.actingFor ?? s.subject;
        const facts = await factsAbout(db, bsn);
        if (facts.length > 0)
          await recordProcessing(db, {
            organisationId: s.organisationId,
            operation: 'read',
            actor: { kind: 'citizen', id: s.subject },
            subject: { kind: 'bsn', id: bsn },
            dataCategories: [...new Set(facts.map((f) => f.attribute))],
            purpose: 'Inzage in eigen gegevens',
            legalBasis: 'AVG art. 15 (recht op inzage)',
            traceId: req.id,
          });
        // A marker is always visible to its subject: with the reason and whom to contact.
        return facts.map((f) => ({
          id: f.id,
          versie: f.version,
          gegeven: f.attribute,
          waarde: f.value,
          bron: f.source.name,
          eigenaar: f.organisationId,
          grondslag: f.legalBasis,
          markering: f.marker
            ? {
                reden: f.marker.reason,
                grondslag: f.marker.legalBasis,
                tot: f.marker.expiresOn,
                contact: f.marker.contact,
              }
            : null,
        }));
      });

      group.post(
        '/terugmeldingen',
        {
          config: { auth: 'session' },
          schema: {
            body: Type.Object({
              factId: Type.Optional(Type.String({ format: 'uuid' })),
              factVersion: Type.Optional(Type.Integer({ minimum: 1 })),
              explanation: Type.String(),
              evidence: Type.Optional(Type.String()),
            }),
            tags: ['terugmelding'],
          },
        },
        async (req, reply) => {
          const s = session(req);
          const body = req.body as {
            factId?: string;
            factVersion?: number;
            explanation: string;
            evidence?: string;
          };
          const tm = await inTransaction(db, (trx) =>
            reportError(trx, {
              ...body,
              reporter: { kind: s.kind, id: s.kind === 'citizen' ? (s.actingFor ?? s.subject) : s.subject },
            }),
          );
          return reply.status(201).send(tm);
        },
      );

      group.get(
        '/terugmeldingen',
        { config: { auth: 'session' }, schema: { tags: ['terugmelding'] } },
        async (req) => {
          const s = session(req);
          return terugmeldingenOf(db, s.kind === 'citizen' ? (s.actingFor ?? s.subject) : s.subject);
        },
      );

      group.post(
        '/:id/correcties',
        {
          config: STAFF,
          schema: {
            params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
            body: Type.Object({
              version: Type.Integer({ minimum: 1 }),
              value: Type.Unknown(),
              reason: Type.String(),
              withdraw: Type.Optional(Type.Boolean()),
            }),
            tags: ['correctie'],
          },
        },
        async (req, reply) => {
          const s = session(req);
          const body = req.body as { version: number; value: unknown; reason: string; withdraw?: boolean };
          const correction = await inTransaction(db, (trx) =>
            correctFact(trx, {
              ...body,
              factId: (req.params as { id: string }).id,
              organisationId: s.organisationId,
            }),
          );
          return reply.status(202).send(correction);
        },
      );

      group.get('/berichten', { config: CITIZEN, schema: { tags: ['gegevens'] } }, async (req) => {
        const s = session(req);
        return messagesFor(db, s.actingFor ?? s.subject);
      });

      // Who used my data, when and why (Logboek Dataverwerkingen).
      group.get('/gebruik', { config: CITIZEN, schema: { tags: ['gegevens'] } }, async (req) => {
        const s = session(req);
        const entries = await processingFor(db, { kind: 'bsn', id: s.actingFor ?? s.subject });
        return entries.map((e) => ({
          wanneer: e.occurredAt,
          organisatie: e.organisationId,
          wie: e.actor.kind === 'citizen' ? 'uzelf' : e.actor.kind,
          handeling: e.operation,
          gegevens: e.dataCategories,
          doel: e.purpose,
          grondslag: e.legalBasis,
        }));
      });

      group.get('/beoordelingen', { config: STAFF, schema: { tags: ['correctie'] } }, async (req) =>
        reviewTasks(db, session(req).organisationId),
      );

      group.post(
        '/beoordelingen/:id/afgerond',
        {
          config: STAFF,
          schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }), tags: ['correctie'] },
        },
        async (req, reply) => {
          await inTransaction(db, (trx) =>
            completeReview(trx, (req.params as { id: string }).id, session(req).organisationId),
          );
          return reply.status(204).send();
        },
      );

      group.get('/verbeterpunten', { config: STAFF, schema: { tags: ['verbeteren'] } }, async (req) =>
        improvementItems(db, session(req).organisationId),
      );

      group.post(
        '/verbeterpunten/:id/sluiten',
        {
          config: STAFF,
          schema: {
            params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
            body: Type.Object({ resolution: Type.String() }),
            tags: ['verbeteren'],
          },
        },
        async (req, reply) => {
          await inTransaction(db, (trx) =>
            closeImprovement(
              trx,
              (req.params as { id: string }).id,
              session(req).organisationId,
              (req.body as { resolution: string }).resolution,
            ),
          );
          return reply.status(204).send();
        },
      );

      group.get(
        '/correcties/:id',
        {
          config: STAFF,
          schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }), tags: ['correctie'] },
        },
        async (req) => {
          const c = await getCorrection(db, (req.params as { id: string }).id);
          if (!c || c.organisationId !== session(req).organisationId) throw problems.notFound();
          return c;
        },
      );
    },
  );
}
