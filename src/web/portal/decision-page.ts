import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type Decision, fileObjection, getDecision } from '../../decisions/index.ts';
import { objectionsOf } from '../../decisions/objection.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import type { RuleRegistry } from '../../rules/index.ts';
import {
  alert,
  button,
  dataList,
  dateTime,
  form,
  heading,
  html,
  link,
  paragraph,
  type SafeHtml,
  textarea,
} from '../shared/index.ts';
import { ownCase } from './case-data.ts';
import { caseHref } from './home.ts';
import { decisionKey, logOwnRead, markRead, type RuleTitle } from './overview.ts';
import { CITIZEN_ROUTE, type Citizen, citizenOf, sendNotFound, sendPortalPage } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/** A decision with its explanation, the law it rests on, and how to object — and the objection form. */

const t = tx.decision;
const Params = Type.Object({
  zaakId: Type.String({ maxLength: 64 }),
  besluitId: Type.String({ maxLength: 64 }),
});
const Query = Type.Object({ bezwaar: Type.Optional(Type.Literal('ontvangen')) });

/** The rule version a stored decision names, or null when it is no longer loaded. */
function versionOf(registry: RuleRegistry, versionId: string) {
  try {
    return registry.version(versionId);
  } catch {
    return null;
  }
}

function lawOf(registry: RuleRegistry, d: Decision): { name: string; url: string } | null {
  return versionOf(registry, d.ruleVersionId)?.definition.law ?? null;
}

/** What a decision without a case of its own is about: its rule version's title (overview.ts). */
export const ruleTitles =
  (registry: RuleRegistry): RuleTitle =>
  (versionId) =>
    versionOf(registry, versionId)?.definition.title;

async function load(db: Db, who: Citizen, zaakId: string, besluitId: string, traceId: string) {
  return inTransaction(db, async (trx) => {
    const zaak = await ownCase(trx, who, zaakId);
    if (!zaak || !/^[0-9a-f-]{36}$/i.test(besluitId)) return null;
    const d = await getDecision(trx, besluitId);
    if (!d || d.caseId !== zaak.id || d.subjectBsn !== who.bsn) return null;
    if (d.status !== 'final' && d.status !== 'superseded') return null;
    const objections = await objectionsOf(trx, d.id);
    await logOwnRead(trx, who, traceId, ['besluit']);
    await markRead(trx, who.bsn, decisionKey(d.id));
    return { zaak, decision: d, objections };
  });
}

interface Shown {
  decision: Decision;
  objections: Awaited<ReturnType<typeof objectionsOf>>;
  zaakId: string;
  csrf: string;
  law: { name: string; url: string } | null;
  error?: string;
  reason?: string;
  filed?: boolean;
}

function render(s: Shown): SafeHtml {
  const d = s.decision;
  const today = new Date().toISOString().slice(0, 10);
  const open = d.status === 'final' && (!d.objectionUntil || d.objectionUntil >= today);
  const action = `${caseHref({ id: s.zaakId })}/besluiten/${d.id}/bezwaar`;
  const objectionForm = form({
    action,
    csrfToken: s.csrf,
    errors: s.error ? [{ name: 'reason', message: s.error }] : [],
    content: html`${textarea({ name: 'reason', label: t.objectionReason, value: s.reason, error: s.error, maxLength: 5000 })}${button(t.objectionSubmit)}`,
  });
  return html`${heading(1, t.title)}${s.filed && alert({ type: 'success', role: 'status', content: t.objectionFiled })}${dataList(
    [...(d.decidedAt ? [{ key: t.decidedOn, value: dateTime(d.decidedAt) }] : [])],
  )}${heading(2, t.outcome)}${d.explanationCitizen.split('\n').map((p) => paragraph(p))}${heading(2, t.legalBasis)}${paragraph(
    s.law ? link(s.law.url, s.law.name, { external: true }) : d.ruleId,
  )}${
    s.objections.length > 0 &&
    html`${heading(2, t.objections)}${s.objections.map((o) => paragraph(`${t.objectionStatus[o.status]}: ${o.reason}`))}`
  }${heading(2, t.objectionHeading)}${
    open && s.objections.length === 0
      ? html`${paragraph(t.objectionText(d.objectionUntil ? tx.formatDay(d.objectionUntil) : ''))}${objectionForm}`
      : s.objections.length === 0 && paragraph(t.objectionClosed)
  }`;
}

export function registerDecisionPage(app: App, db: Db, registry: RuleRegistry): void {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { error?: string; reason?: string; filed?: boolean } = {},
  ) => {
    const who = citizenOf(req);
    const { zaakId, besluitId } = req.params as { zaakId: string; besluitId: string };
    const found = await load(db, who, zaakId, besluitId, req.id);
    if (!found) return sendNotFound(req, reply, t.title, t.notFound);
    return sendPortalPage(req, reply, {
      title: t.title,
      hasErrors: Boolean(extra.error),
      status: extra.error ? 400 : 200,
      breadcrumbs: [
        { href: '/', text: tx.nav.home },
        { href: caseHref(found.zaak), text: found.zaak.identificatie },
        { href: `${caseHref(found.zaak)}/besluiten/${besluitId}`, text: t.title },
      ],
      content: render({
        decision: found.decision,
        objections: found.objections,
        zaakId,
        csrf: who.session.csrfToken,
        law: lawOf(registry, found.decision),
        ...extra,
      }),
    });
  };

  app.get(
    '/zaken/:zaakId/besluiten/:besluitId',
    { config: CITIZEN_ROUTE, schema: { params: Params, querystring: Query } },
    async (req, reply) =>
      show(req, reply, { filed: (req.query as { bezwaar?: string }).bezwaar === 'ontvangen' }),
  );

  app.post(
    '/zaken/:zaakId/besluiten/:besluitId/bezwaar',
    {
      config: CITIZEN_ROUTE,
      schema: {
        params: Params,
        body: Type.Object({ _csrf: Type.String(), reason: Type.Optional(Type.String({ maxLength: 5000 })) }),
      },
    },
    async (req, reply) => {
      const who = citizenOf(req);
      const { zaakId, besluitId } = req.params as { zaakId: string; besluitId: string };
      const reason = ((req.body as { reason?: string }).reason ?? '').trim();
      if (!reason) return show(req, reply, { error: t.objectionRequired, reason });
      const filed = await inTransaction(db, async (trx) => {
        if (!(await ownCase(trx, who, zaakId))) return false;
        await fileObjection(trx, besluitId, { bsn: who.bsn }, reason);
        return true;
      }).catch((err) => {
        if (err instanceof Problem && err.status < 500) return false;
        throw err;
      });
      if (!filed) return sendNotFound(req, reply, t.title, t.notFound);
      return reply.redirect(`/zaken/${zaakId}/besluiten/${besluitId}?bezwaar=ontvangen`, 303);
    },
  );
}
