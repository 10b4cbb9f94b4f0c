import { Type } from 'typebox';
import { isValidBsn } from '../../platform/bsn.ts';
import { problems } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import { applyCaseEvent, casesNeedingAttention, historyOf, requireCasePlan } from '../engine/apply.ts';
import { startCase } from '../engine/cases.ts';
import { deadlinesOf } from '../engine/deadline-views.ts';
import { type CaseEventPayload, planEventOf } from '../engine/events-in.ts';
import { actorOf, type CaseApi, CaseParams, command, logCaseRead, STAFF, session } from './support.ts';

const TAGS = ['zaken'];

export function registerCaseRoutes(group: App, api: CaseApi): void {
  group.post(
    '/zaken',
    {
      config: STAFF,
      schema: {
        summary: 'Een zaak starten met het plan van zijn zaaktype',
        description:
          'Maakt de zaak (Zaken API) met de persoon als initiator, start het plan dat nu voor het zaaktype geldt (de zaak houdt die versie) en zet de termijnen van de dienst (beslistermijn, streeftermijn) als timers.',
        tags: TAGS,
        body: Type.Object({
          zaaktype: Type.String({ description: 'Identificatie van het zaaktype, bv. AANGIFTE-VERHUIZING.' }),
          bsn: Type.String({ pattern: '^[0-9]{9}$' }),
          data: Type.Record(Type.String(), Type.Unknown(), {
            description: 'De gegevens van de zaak, voor de voorwaarden in het plan.',
          }),
          startdatum: Type.Optional(Type.String({ format: 'date' })),
        }),
        response: {
          201: Type.Object({
            caseId: Type.String({ format: 'uuid' }),
            identificatie: Type.String(),
            planId: Type.String(),
            planVersion: Type.Integer(),
          }),
        },
      },
    },
    async (req, reply) => {
      const s = session(req);
      const body = req.body as {
        zaaktype: string;
        bsn: string;
        data: Record<string, unknown>;
        startdatum?: string;
      };
      if (!isValidBsn(body.bsn)) throw problems.invalidField('bsn', 'invalid', 'Dit is geen geldig BSN.');
      const started = await command(api.db, (trx) =>
        startCase(trx, api.deps, {
          organisationId: s.organisationId,
          zaaktype: body.zaaktype,
          bsn: body.bsn,
          data: body.data,
          startdatum: body.startdatum,
          actor: actorOf(s),
        }),
      );
      return reply.status(201).send({
        caseId: started.caseId,
        identificatie: started.record.identificatie,
        planId: started.plan.id,
        planVersion: started.plan.version,
      });
    },
  );

  group.get(
    '/zaken/:zaakId/plan',
    {
      config: STAFF,
      schema: {
        summary: 'Het plan van een zaak: waar alles staat, wat aandacht nodig heeft, en de termijnen',
        description:
          '`state` is de toestand van het plan zoals de runtime die bijhoudt (onderdelen met hun status, taken, timers, `attention` bij een voorwaarde die niet te berekenen is). Alleen zaken van uw eigen organisatie.',
        tags: TAGS,
        params: CaseParams,
      },
    },
    async (req) => {
      const s = session(req);
      const { zaakId } = req.params as { zaakId: string };
      const row = await requireCasePlan(api.db, zaakId, s.organisationId);
      await logCaseRead(api, s, zaakId, req.id, ['zaak', ...Object.keys(row.state.data)]);
      return {
        caseId: zaakId,
        planId: row.planId,
        planVersion: row.planVersion,
        status: row.state.status,
        needsAttention: row.state.instances
          .filter((i) => i.attention)
          .map((i) => ({ instanceId: i.id, name: i.name, attention: i.attention })),
        deadlines: await deadlinesOf(api.db, zaakId),
        state: row.state,
      };
    },
  );

  group.get(
    '/zaken/:zaakId/historie',
    {
      config: STAFF,
      schema: { summary: 'Elke overgang in het plan, met oorzaak en wie', tags: TAGS, params: CaseParams },
    },
    async (req) => {
      const s = session(req);
      const { zaakId } = req.params as { zaakId: string };
      await requireCasePlan(api.db, zaakId, s.organisationId);
      // The history names who did what, the citizen included.
      await logCaseRead(api, s, zaakId, req.id, ['zaak', 'historie']);
      return historyOf(api.db, zaakId);
    },
  );

  group.post(
    '/zaken/:zaakId/gebeurtenissen',
    {
      config: STAFF,
      schema: {
        summary:
          'Een gebeurtenis in de zaak doorgeven (document ontvangen, besluit opgesteld, gegevens gewijzigd)',
        description:
          'Hetzelfde als het outbox-event `case.event`. `type`: `document-received` (met `documentType`), `decision-drafted` (met `outcome`), `case-data-merged` (met `data`: de gewijzigde velden), `case-data-changed` (met `data`: alle gegevens), `status-set` (met `status`). Het plan wordt direct opnieuw beoordeeld.',
        tags: TAGS,
        params: CaseParams,
        body: Type.Object({
          type: Type.Union([
            Type.Literal('document-received'),
            Type.Literal('decision-drafted'),
            Type.Literal('case-data-changed'),
            Type.Literal('case-data-merged'),
            Type.Literal('status-set'),
          ]),
          documentType: Type.Optional(Type.String()),
          documentId: Type.Optional(Type.String()),
          outcome: Type.Optional(Type.String()),
          decisionId: Type.Optional(Type.String()),
          data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          status: Type.Optional(Type.String()),
        }),
      },
    },
    async (req) => {
      const s = session(req);
      const { zaakId } = req.params as { zaakId: string };
      const payload = {
        ...(req.body as Omit<CaseEventPayload, 'caseId'>),
        caseId: zaakId,
        actor: actorOf(s),
      };
      const event = planEventOf(payload);
      if (!event)
        throw problems.invalidField('type', 'incomplete', 'Deze gebeurtenis mist een verplicht veld.');
      const result = await command(api.db, (trx) =>
        applyCaseEvent(trx, zaakId, event, { organisationId: s.organisationId }),
      );
      if (!result) throw problems.notFound();
      if (payload.data)
        await logCaseRead(api, s, zaakId, req.id, ['zaak', ...Object.keys(payload.data)], 'write');
      return { status: result.state.status, transitions: result.transitions.length, effects: result.effects };
    },
  );

  group.get(
    '/aandacht',
    {
      config: STAFF,
      schema: {
        summary: 'Zaken met een onderdeel dat aandacht nodig heeft',
        description:
          'Bijvoorbeeld een voorwaarde in het plan die niet te berekenen is. De rest van die zaken loopt door.',
        tags: TAGS,
      },
    },
    async (req) => casesNeedingAttention(api.db, session(req).organisationId),
  );
}
