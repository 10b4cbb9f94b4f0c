import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BrpClient } from '../../facts/brp/index.ts';
import { factsAbout } from '../../facts/store.ts';
import { reportError, terugmeldingenOf } from '../../facts/terugmelding.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import { processingFor, recordProcessing } from '../../processing-log/index.ts';
import {
  alert,
  button,
  buttonLink,
  dataList,
  dateTime,
  form,
  heading,
  html,
  link,
  paragraph,
  type SafeHtml,
  table,
  textarea,
} from '../shared/index.ts';
import { knownItems, whatWeKnow } from './known.ts';
import { Organisations } from './overview.ts';
import { CITIZEN_ROUTE, type Citizen, citizenOf, sendNotFound, sendPortalPage } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/**
 * My data: the facts organisations use about me with source, date and legal basis; markers with their
 * reason and whom to contact; "dit klopt niet" starts a terugmelding whose status stays visible; and who
 * used my data, when and why (the processing log).
 */

const t = tx.data;
const PATH = '/mijn-gegevens';
const value = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);

async function read(db: Db, brp: BrpClient | null, who: Citizen, traceId: string, withOwn: boolean) {
  return inTransaction(db, async (trx) => {
    const facts = await factsAbout(trx, who.bsn);
    const reports = await terugmeldingenOf(trx, who.bsn);
    const known = await whatWeKnow(trx, brp, who, tx.processing.ownData, traceId);
    // The log is read before this read is added to it. By default it shows what others did (organisations,
    // their staff, automatic processing, a representative): the person's own visits would fill it.
    const log = await processingFor(
      trx as unknown as Db,
      { kind: 'bsn', id: who.bsn },
      withOwn ? {} : { exceptActor: { kind: 'citizen', id: who.actorId } },
    );
    await recordProcessing(trx, {
      organisationId: who.session.organisationId,
      operation: 'read',
      actor: { kind: 'citizen', id: who.actorId },
      subject: { kind: 'bsn', id: who.bsn },
      dataCategories: ['gegevens', 'markering', 'terugmelding', 'verwerkingen'],
      purpose: tx.processing.ownData,
      legalBasis: tx.processing.legalInzage,
      traceId,
    });
    const orgs = new Organisations(trx, db);
    const names = new Map<string, string>();
    for (const id of new Set([...facts.map((f) => f.organisationId), ...log.map((l) => l.organisationId)]))
      names.set(id, (await orgs.get(id)).name);
    return { facts, reports, known, log, names };
  });
}

function reportForm(factId: string, version: number, csrf: string, error?: string, text?: string): SafeHtml {
  return form({
    action: `${PATH}/${factId}/${version}/melden`,
    csrfToken: csrf,
    errors: error ? [{ name: 'explanation', message: error }] : [],
    content: html`${textarea({ name: 'explanation', label: t.reportExplanation, value: text, error, maxLength: 2000 })}${button(t.reportSubmit)}`,
  });
}

async function page(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  brp: BrpClient | null,
  options: { reported: boolean; withOwn: boolean },
) {
  const { reported, withOwn } = options;
  const who = citizenOf(req);
  const d = await read(db, brp, who, req.id, withOwn);
  const plain = d.facts.filter((f) => !f.marker);
  const markers = d.facts.filter((f) => f.marker);
  const factItems = plain.map((f) => ({
    key: f.attribute,
    value: html`${value(f.value)} ${buttonLink(`${PATH}/${f.id}/${f.version}/melden`, t.wrong, 'subtle')}`,
    provenance: {
      source: `${f.source.name} (${d.names.get(f.organisationId)})`,
      date: f.validFrom,
      legalBasis: f.legalBasis,
    },
  }));
  const markerBlocks = markers.map((f) => {
    const m = f.marker!;
    return alert({
      type: 'info',
      title: f.attribute,
      headingLevel: 3,
      content: html`${dataList([
        { key: t.markerReason, value: m.reason },
        { key: tx.decision.legalBasis, value: m.legalBasis },
        { key: t.markerUntil, value: dateTime(m.expiresOn) },
        { key: t.markerContact, value: m.contact },
      ])}${buttonLink(`${PATH}/${f.id}/${f.version}/melden`, t.wrong, 'secondary')}`,
    });
  });
  const factName = new Map(d.facts.map((f) => [f.id, f.attribute]));
  const cols = t.logColumns;
  return sendPortalPage(req, reply, {
    title: t.title,
    content: html`${heading(1, t.title)}${reported && alert({ type: 'success', role: 'status', content: t.reported })}${paragraph(t.intro)}${
      d.known &&
      html`${heading(2, t.brpHeading)}${d.known.ok ? dataList(knownItems(d.known.person)) : alert({ type: 'warning', content: t.brpUnavailable })}`
    }${heading(2, t.factsHeading)}${factItems.length > 0 ? dataList(factItems) : paragraph(t.noFacts)}${
      markerBlocks.length > 0 &&
      html`${heading(2, t.markersHeading)}${paragraph(t.markerIntro)}${markerBlocks}`
    }${
      d.reports.length > 0 &&
      html`${heading(2, t.reportsHeading)}${table({
        id: 'meldingen',
        rowHeaders: true,
        caption: t.reportsCaption,
        columns: [
          { header: t.reportsColumns.what },
          { header: t.reportsColumns.status },
          { header: t.reportsColumns.why },
        ],
        rows: d.reports.map((r) => [
          factName.get(r.factId) ?? r.factId,
          t.reportStatus[r.status],
          r.statusReason ?? r.explanation,
        ]),
      })}`
    }${heading(2, t.logHeading)}${paragraph(
      withOwn ? link(PATH, t.logWithoutOwn) : link(`${PATH}?eigen=ja#verwerkingen`, t.logWithOwn),
    )}${table({
      id: 'verwerkingen',
      caption: withOwn ? t.logCaption : t.logCaptionOthers,
      columns: [
        { header: cols.when },
        { header: cols.who },
        { header: cols.what },
        { header: cols.why },
        { header: cols.law },
      ],
      rows: d.log.map((e) => [
        dateTime(e.occurredAt),
        e.actor.kind === 'citizen' && e.actor.id === who.actorId
          ? t.youself
          : e.actor.kind === 'system'
            ? `${t.system} (${d.names.get(e.organisationId)})`
            : t.staffOf(d.names.get(e.organisationId) ?? e.organisationId),
        `${e.dataCategories.join(', ')} (${t.operation[e.operation] ?? e.operation})`,
        e.purpose,
        e.legalBasis,
      ]),
    })}`,
  });
}

const FactParams = Type.Object({
  factId: Type.String({ format: 'uuid' }),
  versie: Type.Integer({ minimum: 1 }),
});

export function registerMyData(app: App, db: Db, brp: BrpClient | null): void {
  app.get(
    PATH,
    {
      config: CITIZEN_ROUTE,
      schema: {
        querystring: Type.Object({
          gemeld: Type.Optional(Type.Literal('ja')),
          /** Also the person's own visits in "who used my data". */
          eigen: Type.Optional(Type.Literal('ja')),
        }),
      },
    },
    (req, reply) =>
      page(req, reply, db, brp, { reported: req.query.gemeld === 'ja', withOwn: req.query.eigen === 'ja' }),
  );

  const reportPage = async (req: FastifyRequest, reply: FastifyReply, error?: string, text?: string) => {
    const who = citizenOf(req);
    const { factId, versie } = req.params as { factId: string; versie: number };
    const fact = (await factsAbout(db, who.bsn)).find((f) => f.id === factId && f.version === versie);
    if (!fact) return sendNotFound(req, reply, t.reportTitle, tx.notFoundTitle);
    return sendPortalPage(req, reply, {
      title: t.reportTitle,
      hasErrors: Boolean(error),
      status: error ? 400 : 200,
      breadcrumbs: [
        { href: '/', text: tx.nav.home },
        { href: PATH, text: t.title },
        { href: `${PATH}/${factId}/${versie}/melden`, text: t.reportTitle },
      ],
      content: html`${heading(1, t.reportTitle)}${dataList([
        {
          key: t.reportAbout,
          value: `${fact.attribute}: ${value(fact.value)}`,
          provenance: { source: fact.source.name, legalBasis: fact.legalBasis },
        },
      ])}${reportForm(fact.id, fact.version, who.session.csrfToken, error, text)}`,
    });
  };

  app.get(
    `${PATH}/:factId/:versie/melden`,
    { config: CITIZEN_ROUTE, schema: { params: FactParams } },
    (req, reply) => reportPage(req, reply),
  );

  app.post(
    `${PATH}/:factId/:versie/melden`,
    {
      config: CITIZEN_ROUTE,
      schema: {
        params: FactParams,
        body: Type.Object({
          _csrf: Type.String(),
          explanation: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
      },
    },
    async (req, reply) => {
      const who = citizenOf(req);
      const { factId, versie } = req.params as { factId: string; versie: number };
      const explanation = ((req.body as { explanation?: string }).explanation ?? '').trim();
      if (!explanation) return reportPage(req, reply, t.reportExplanationRequired, explanation);
      try {
        await inTransaction(db, (trx) =>
          reportError(trx, {
            factId,
            factVersion: versie,
            reporter: { kind: 'citizen', id: who.bsn },
            explanation,
          }),
        );
      } catch (err) {
        if (err instanceof Problem && err.status === 404)
          return sendNotFound(req, reply, t.reportTitle, tx.notFoundTitle);
        throw err;
      }
      return reply.redirect(`${PATH}?gemeld=ja`, 303);
    },
  );
}
