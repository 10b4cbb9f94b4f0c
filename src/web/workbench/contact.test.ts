import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Person } from '../../cases/test-support.ts';
import { contactTexts, recordContact } from '../../contact/index.ts';
import { aboutChoices, type ContactRequest, fileRequest } from '../../contact/requests.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import type { TestLoket } from '../../testing/backends.ts';
import { describeBackends } from '../../testing/backends.ts';
import { WORKBENCH_PATHS } from '../shared/index.ts';
import { movingCase, startWorkbench, textOf, type web } from './test-support.ts';
import { workbenchTexts } from './texts.nl.ts';

/**
 * The contact section of the workbench's case page: the case's open call-back and appointment requests
 * with their deadline (overdue ones marked) and a link to where the outcome is recorded, the contact
 * moments, and the form that records a contact — only for the case's own organisation.
 */

const t = workbenchTexts.casePage;

describeBackends('workbench case page: contact with the citizen', (database) => {
  let loket: TestLoket;
  let get: ReturnType<typeof web>;
  let marieke: Person;
  let jeroen: Person;
  let caseId: string;
  let late: ContactRequest;
  let inTime: ContactRequest;

  beforeAll(async () => {
    ({
      loket,
      get,
      staff: { marieke, jeroen },
    } = await startWorkbench(database()));
    caseId = await movingCase(database(), DEMO_BSN.lisa);
  });
  afterAll(async () => loket?.stop());

  const page = async (who: Person = marieke) => {
    const res = await get(who, `/werkplek/zaken/${caseId}`);
    return { ...res, plain: textOf(res.text) };
  };

  it('without contact, says so; the placeholder is gone', async () => {
    const { status, plain } = await page();
    expect(status).toBe(200);
    expect(plain).toContain(t.noOpenRequests);
    expect(plain).toContain(t.noContactMoments);
    expect(plain).not.toContain('zodra de module voor klantcontact er is');
  });

  it('shows open requests with their deadline (overdue marked) and a link to handle each, and contact moments', async () => {
    const db = database().db;
    const about = (await aboutChoices(db, DEMO_BSN.lisa)).find((c) => c.caseId === caseId)!;
    expect(about).toBeTruthy();
    const base = { bsn: DEMO_BSN.lisa, name: 'Lisa de Boer', phone: '0612345678', preferredNote: null };
    inTime = await fileRequest(db, {
      ...base,
      kind: 'terugbellen',
      question: 'Moet ik het huurcontract nog opsturen?',
      about: about.value,
      preferredTime: 'ochtend',
    });
    late = await fileRequest(db, {
      ...base,
      kind: 'afspraak-balie',
      question: 'Ik wil de sleutels van het oude adres laten zien.',
      about: about.value,
      preferredTime: 'middag',
      now: new Date(Date.now() - 20 * 86_400_000),
    });
    await recordContact(db, {
      subjectBsn: DEMO_BSN.lisa,
      caseId,
      channel: 'balie',
      summary: 'Inwoner vroeg hoe lang de verhuizing duurt.',
      staff: { id: 'a.bakker', name: 'Ahmed Bakker', organisationId: 'voorbeeldstad' },
    });
    const before = await contactReads();
    const { status, text, plain } = await page();
    expect(status).toBe(200);
    expect(plain).not.toContain(t.noOpenRequests);
    expect(plain).toContain('Moet ik het huurcontract nog opsturen?');
    expect(plain).toContain('Ik wil de sleutels van het oude adres laten zien.');
    expect(plain).toContain(t.requestsOverdue(1));
    // Each row: its deadline tag, and the link to the call-back handling where the outcome is recorded.
    const rowOf = (r: ContactRequest) =>
      /<tr[^>]*>(?:(?!<\/tr>).)*<\/tr>/gs.exec(
        text.slice(text.lastIndexOf('<tr', text.indexOf(`${WORKBENCH_PATHS.callBacks}/${r.id}`))),
      )?.[0];
    expect(textOf(rowOf(late) ?? '')).toContain(t.requestOverdue);
    expect(textOf(rowOf(inTime) ?? '')).toContain(t.requestInTime);
    expect(textOf(rowOf(inTime) ?? '')).not.toContain(t.requestOverdue);
    expect(text).toContain(`href="${WORKBENCH_PATHS.callBacks}/${late.id}"`);
    expect(text).toContain(`href="${WORKBENCH_PATHS.callBacks}/${inTime.id}"`);
    // The contact moment: when, how, who, what.
    expect(plain).toContain('Inwoner vroeg hoe lang de verhuizing duurt.');
    expect(plain).toContain(`${contactTexts.channels.balie} Ahmed Bakker`);
    // The read of the contact data is in the processing log, with the case page's trace id.
    const after = await contactReads();
    expect(after.length).toBe(before.length + 1);
    const read = after.at(-1)!;
    expect(read).toMatchObject({ operation: 'read', actor_id: 'm.jansen', subject_id: DEMO_BSN.lisa });
    const casePageRead = await database()
      .db.selectFrom('processing_log')
      .select('trace_id')
      .where('purpose', '=', 'Behandelen van een zaak')
      .where('actor_id', '=', 'm.jansen')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(read.trace_id).toBeTruthy();
    expect(read.trace_id).toBe(casePageRead.trace_id);
  });

  it('a request handled through its link leaves the open list and shows as a contact moment', async () => {
    const handled = await get(marieke, `${WORKBENCH_PATHS.callBacks}/${late.id}`, {
      uitkomst: 'reached',
      notitie: 'Afspraak gemaakt voor donderdag.',
    });
    expect(handled.status).toBe(303);
    const { text, plain } = await page();
    expect(text).not.toContain(`${WORKBENCH_PATHS.callBacks}/${late.id}`);
    expect(text).toContain(`${WORKBENCH_PATHS.callBacks}/${inTime.id}`);
    expect(plain).not.toContain(t.requestsOverdue(1));
    expect(plain).toContain('Afspraak gemaakt voor donderdag.');
  });

  it('another organisation’s professional gets 404, sees no contact, and cannot record one', async () => {
    const foreign = await page(jeroen);
    expect(foreign.status).toBe(404);
    expect(foreign.plain).not.toContain('Moet ik het huurcontract nog opsturen?');
    expect(foreign.plain).not.toContain('Inwoner vroeg hoe lang');
    const post = await get(jeroen, `/werkplek/zaken/${caseId}/contact`, {
      kanaal: 'telefoon',
      samenvatting: 'Mag niet.',
    });
    expect(post.status).toBe(404);
    const moments = await database()
      .db.selectFrom('contact_moment')
      .select('summary')
      .where('case_id', '=', caseId)
      .execute();
    expect(moments.map((m) => m.summary)).not.toContain('Mag niet.');
  });

  it('records a contact: bad input is refused at the field with nothing lost, good input shows in the history', async () => {
    const momentsOfCase = () =>
      database()
        .db.selectFrom('contact_moment')
        .select('id')
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute();
    const moments = await momentsOfCase();
    const noChannel = await get(marieke, `/werkplek/zaken/${caseId}/contact`, {
      samenvatting: 'Gebeld over het huurcontract.',
    });
    expect(noChannel.status).toBe(400);
    expect(noChannel.text).toContain('<title>Fout: ');
    // The error summary links to the field; the message is at the field; what was typed is still there.
    expect(noChannel.text).toContain('href="#veld-kanaal"');
    expect(noChannel.text).toMatch(
      new RegExp(
        `<fieldset[^>]*invalid[^>]*>\\s*<legend[^>]*>${t.contactChannel.replace(/[?.]/g, '\\$&')}</legend>\\s*<div[^>]*id="veld-kanaal-fout"`,
      ),
    );
    expect(textOf(noChannel.text)).toContain(t.contactChannelNeeded);
    expect(noChannel.text).toMatch(
      /<textarea[^>]*name="samenvatting"[^>]*>Gebeld over het huurcontract\.<\/textarea>/,
    );

    const noSummary = await get(marieke, `/werkplek/zaken/${caseId}/contact`, {
      kanaal: 'telefoon',
      samenvatting: ' ',
    });
    expect(noSummary.status).toBe(400);
    expect(noSummary.text).toContain('href="#veld-samenvatting"');
    expect(textOf(noSummary.text)).toContain(t.contactSummaryNeeded);
    expect(noSummary.text).toMatch(/<input[^>]*value="telefoon"[^>]*checked/);
    const tooLong = await get(marieke, `/werkplek/zaken/${caseId}/contact`, {
      kanaal: 'telefoon',
      samenvatting: 'x'.repeat(2001),
    });
    expect(tooLong.status).toBe(400);
    expect(textOf(tooLong.text)).toContain(t.contactSummaryLong);
    const unknown = await get(marieke, `/werkplek/zaken/${caseId}/contact`, {
      kanaal: 'duif',
      samenvatting: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(await momentsOfCase()).toEqual(moments);

    const ok = await get(marieke, `/werkplek/zaken/${caseId}/contact`, {
      kanaal: 'telefoon',
      samenvatting: 'Gebeld over het huurcontract. Zij stuurt het deze week.',
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/werkplek/zaken/${caseId}?bericht=contact#contact`);
    const plain = textOf((await get(marieke, ok.location!.split('#')[0]!)).text);
    expect(plain).toContain(t.done.contact);
    expect(plain).toContain(
      `${contactTexts.channels.telefoon} Marieke Jansen Gebeld over het huurcontract. Zij stuurt het deze week.`,
    );
    expect(plain).toContain(`Marieke Jansen ${t.actions['contact-recorded']}`);
    const written = await database()
      .db.selectFrom('processing_log')
      .select(['operation', 'subject_id', 'data_categories'])
      .where('actor_id', '=', 'm.jansen')
      .where('operation', '=', 'write')
      .execute();
    expect(written).toContainEqual(
      expect.objectContaining({ subject_id: DEMO_BSN.lisa, data_categories: ['contactmoment'] }),
    );
  });

  const contactReads = () =>
    database()
      .db.selectFrom('processing_log')
      .select(['operation', 'actor_id', 'subject_id', 'trace_id'])
      .where('purpose', '=', contactTexts.processing.purposeHistory)
      .where('actor_id', '=', 'm.jansen')
      .orderBy('id')
      .execute();
});
