import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../bench/lib.ts';
import { sendNotice } from '../cases/engine/notices.ts';
import { DEMO_BSN } from '../demo/people.ts';
import { correctFact } from '../facts/propagation.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { CookieClient } from '../testing/browserless.ts';
import { contactHistoryOfCase } from './history.ts';
import { PERSON_MESSAGE_TOPIC } from './mailbox.ts';
import { aboutChoices, type ContactRequest, fileRequest } from './requests.ts';

const QUEUE = '/werkplek/terugbelverzoeken';

async function login(
  client: CookieClient,
  account: string,
  returnTo: string,
  kind: 'inwoner' | 'medewerker',
) {
  const { url } = await client.follow(`/inloggen?als=${kind}&terug=${encodeURIComponent(returnTo)}`);
  return client.submit(url, { account });
}

function csrfOf(page: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

/** Waits for the outbox dispatcher (a real background worker) to have done something. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describeBackends(
  'call-back requests handled by staff, seen by the citizen, notified by e-mail',
  (database) => {
    let loket: TestLoket;
    let current: ContactRequest;
    let overdue: ContactRequest;
    let general: ContactRequest;

    beforeAll(async () => {
      const port = await freePort();
      loket = await startTestLoket(database(), {
        config: { demo: true, port, baseUrl: `http://127.0.0.1:${port}` },
      });
      const db = database().db;
      const melding = (await aboutChoices(db, DEMO_BSN.sanne)).find(
        (c) => c.caseId && c.organisationId === 'voorbeeldstad',
      )!;
      const base = { bsn: DEMO_BSN.sanne, name: 'Sanne de Vries', phone: '0612345678', preferredNote: null };
      current = await fileRequest(db, {
        ...base,
        kind: 'terugbellen',
        question: 'Wat moeten de getuigen meenemen?',
        about: melding.value,
        preferredTime: 'ochtend',
      });
      overdue = await fileRequest(db, {
        ...base,
        kind: 'afspraak-balie',
        question: 'Ik wil de papieren langsbrengen.',
        about: melding.value,
        preferredTime: 'middag',
        now: new Date(Date.now() - 20 * 86_400_000),
      });
      general = await fileRequest(db, {
        ...base,
        kind: 'terugbellen',
        question: 'Een algemene vraag.',
        about: 'organisatie:voorbeeldstad',
        preferredTime: 'geen-voorkeur',
      });
    }, 120_000);
    afterAll(async () => loket?.stop());

    it('shows staff their organisation’s queue by deadline, overdue marked, filtered by team', async () => {
      const staff = new CookieClient(loket.url);
      const { res, url } = await login(staff, 'staff:m.jansen', QUEUE, 'medewerker');
      expect(url).toBe(`${loket.url}${QUEUE}`);
      const page = await res.text();
      const order = [overdue, current, general].map((r) => page.indexOf(`${QUEUE}/${r.id}`));
      expect(order.every((i) => i > 0)).toBe(true);
      // The overdue one first; the general question (2 working days) after the dienst's (1 working day).
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(page.match(/loket-tag--todo">Te laat</g)).toHaveLength(1);
      expect(general.team).toBe('klantcontact');
      const burgerzaken = await (await staff.request(`${QUEUE}?team=burgerzaken`)).text();
      expect(burgerzaken).toContain(`${QUEUE}/${current.id}`);
      expect(burgerzaken).not.toContain(`${QUEUE}/${general.id}`);
    });

    it('keeps another organisation’s staff out: not in their queue, not readable, not closable', async () => {
      const other = new CookieClient(loket.url);
      const { res } = await login(other, 'staff:j.visser', QUEUE, 'medewerker');
      const page = await res.text();
      expect(page).not.toContain(current.id);
      expect(page).not.toContain('Sanne');
      const open = await other.request(`${QUEUE}/${current.id}`);
      expect(open.status).toBe(404);
      expect(await open.text()).not.toContain('getuigen');
      const post = await other.request(`${QUEUE}/${current.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: csrfOf(page),
          uitkomst: 'reached',
          notitie: 'Niet van ons',
        }).toString(),
      });
      expect(post.status).toBe(404);
      const row = await database()
        .db.selectFrom('contact_request')
        .select('status')
        .where('id', '=', current.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('open');
      const history = await contactHistoryOfCase(database().db, current.caseId!, {
        organisationId: 'toeslagen',
        actor: { kind: 'staff', id: 'j.visser' },
      });
      expect(history.requests).toHaveLength(0);
      // A citizen session is no staff session: the queue sends them to the staff login.
      const citizen = new CookieClient(loket.url);
      await login(citizen, `bsn:${DEMO_BSN.sanne}`, '/contact', 'inwoner');
      const asCitizen = await citizen.request(QUEUE);
      expect(asCitizen.status).toBe(303);
      expect(asCitizen.headers.get('location')).toContain('als=medewerker');
    });

    it('records the outcome, which closes the request and shows on the citizen’s contact history and in the mailbox', async () => {
      const staff = new CookieClient(loket.url);
      const { res } = await login(staff, 'staff:m.jansen', `${QUEUE}/${current.id}`, 'medewerker');
      const page = await res.text();
      expect(page).toContain('Wat moeten de getuigen meenemen?');
      expect(page).toContain('href="tel:0612345678"');
      const csrf = csrfOf(page);
      const bad = await staff.request(`${QUEUE}/${current.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, uitkomst: 'reached', notitie: ' ' }).toString(),
      });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('href="#veld-notitie"');
      const note = 'Getuigen nemen hun paspoort of ID-kaart mee.';
      const done = await staff.submit(`${QUEUE}/${current.id}`, {
        _csrf: csrf,
        uitkomst: 'reached',
        notitie: note,
      });
      expect(done.url).toContain('opgeslagen=ja');
      expect(await done.res.text()).toContain('Het verzoek is gesloten');
      const again = await staff.request(`${QUEUE}/${current.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, uitkomst: 'not-reached', notitie: 'Nog eens' }).toString(),
      });
      expect(again.status).toBe(409);

      const history = await contactHistoryOfCase(database().db, current.caseId!, {
        organisationId: 'voorbeeldstad',
        actor: { kind: 'staff', id: 'm.jansen' },
      });
      expect(history.moments).toHaveLength(1);
      expect(history.moments[0]).toMatchObject({
        channel: 'telefoon',
        staff: { id: 'm.jansen', name: 'Marieke Jansen' },
      });
      expect(history.requests.find((r) => r.id === current.id)).toMatchObject({
        status: 'closed',
        outcome: 'reached',
      });

      const citizen = new CookieClient(loket.url);
      const mine = await (
        await login(citizen, `bsn:${DEMO_BSN.sanne}`, '/contact/geschiedenis', 'inwoner')
      ).res.text();
      expect(mine).toContain(note);
      expect(mine).toContain('Wij hebben u gesproken');
      expect(mine).toContain('Marieke Jansen');

      const mail = await eventually(async () => {
        const rows = await database()
          .db.selectFrom('demo_mail')
          .selectAll()
          .where('source_id', '=', current.id)
          .execute();
        return rows.length > 0 ? rows : undefined;
      }, 'an e-mail about the closed request');
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({
        recipient_bsn: DEMO_BSN.sanne,
        source_topic: 'contact.request.closed',
      });
      expect(mail[0].body).not.toContain(note);
      const shown = await (await new CookieClient(loket.url).request('/demo/e-mail')).text();
      expect(shown).toContain('uw terugbelverzoek is afgehandeld');
      expect(shown).not.toContain(DEMO_BSN.sanne);
    });

    it('e-mails a delay notice, a final decision and a message about corrected data, each once', async () => {
      const db = database().db;
      await inTransaction(db, (trx) =>
        sendNotice(trx, {
          caseId: current.caseId!,
          organisationId: 'voorbeeldstad',
          kind: 'delay',
          reason: 'Wij wachten op een document.',
          expectedDate: null,
          subjectBsn: DEMO_BSN.sanne,
        }),
      );
      const mails = (topic: string, bsn: string) =>
        db
          .selectFrom('demo_mail')
          .selectAll()
          .where('source_topic', '=', topic)
          .where('recipient_bsn', '=', bsn)
          .execute();
      await eventually(
        async () => ((await mails('case.notice.sent', DEMO_BSN.sanne)).length ? true : undefined),
        'notice mail',
      );
      // The demo's correction story finalised remission decisions for Esther when it was loaded.
      await eventually(
        async () => ((await mails('decision.final', DEMO_BSN.esther)).length ? true : undefined),
        'decision mail',
      );
      const fact = await db
        .selectFrom('fact')
        .select(['id', 'version'])
        .where('subject_id', '=', DEMO_BSN.esther)
        .where('organisation_id', '=', 'toeslagen')
        .where('status', '=', 'current')
        .executeTakeFirstOrThrow();
      await inTransaction(db, (trx) =>
        correctFact(trx, {
          factId: fact.id,
          version: fact.version,
          organisationId: 'toeslagen',
          value: 0,
          withdraw: true,
          reason: 'De markering was onterecht.',
        }),
      );
      const personMail = await eventually(async () => {
        await loket.jobs.runDue();
        const rows = await mails(PERSON_MESSAGE_TOPIC, DEMO_BSN.esther);
        return rows.length ? rows : undefined;
      }, 'person message mail');
      expect(personMail).toHaveLength(1);
      expect(personMail[0].subject).toBe('Nieuw bericht in Loket: uw gegevens zijn aangepast');
      expect(await mails('case.notice.sent', DEMO_BSN.sanne)).toHaveLength(1);
    });
  },
);
