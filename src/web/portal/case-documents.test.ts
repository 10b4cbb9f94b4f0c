import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, type TestClient, zgwToken } from '../../authz/test-support.ts';
import { loadCasePlan } from '../../cases/engine/apply.ts';
import { recordContact } from '../../contact/index.ts';
import { fileRequest } from '../../contact/requests.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import { DEMO_STAFF } from '../../demo/staff.ts';
import { documentsOfObject } from '../../documenten/index.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import type { CookieClient } from '../../testing/browserless.ts';
import { getZaak, zaakUrl } from '../../zaken/index.ts';
import { staffSession, web } from '../workbench/test-support.ts';
import { csrfOf, loginCitizen, startPortalLoket } from './test-support.ts';

/** A citizen's upload becomes a document of the case; the case page shows it and the case's contact. */

describeBackends('portal case page: documents and contact', (database) => {
  let loket: TestLoket;
  let sanne: CookieClient;
  let caseId: string;
  let taskPath: string;
  let client: TestClient;
  const content = Buffer.from(`%PDF-1.4\n${'inkomen 2026 '.repeat(5000)}\n%%EOF\n`);

  beforeAll(async () => {
    loket = await startPortalLoket(database());
    sanne = await loginCitizen(loket.url, DEMO_BSN.sanne);
    const home = await (await sanne.request('/')).text();
    const m = /href="(\/zaken\/([0-9a-f-]{36})\/taken\/[^"]+)"[^>]*>[^<]*inkomensverklaring/i.exec(home);
    if (!m) throw new Error('no upload task for Sanne on the home page');
    taskPath = m[1].replace(/&amp;/g, '&');
    caseId = m[2];
    const zaak = await getZaak(database().db, caseId);
    client = await addTestClient(database().db, { organisationId: zaak?.organisation_id, all: true });
  }, 90_000);
  afterAll(async () => loket?.stop());

  const api = async (url: string) =>
    fetch(url, { headers: { authorization: `Bearer ${await zgwToken(client)}` } });

  it('registers an upload as a document of the zaak, made by the citizen, with the same content', async () => {
    const csrf = await csrfOf(sanne, taskPath);
    const body = new FormData();
    body.append('_csrf', csrf);
    body.append('document', new Blob([content], { type: 'application/pdf' }), 'loonstrook.pdf');
    const res = await sanne.request(`${taskPath}/document`, { method: 'POST', body });
    expect(res.status).toBe(303);

    const docs = await documentsOfObject(database().db, zaakUrl(loket.url, caseId));
    const doc = docs.find((d) => d.bestandsnaam === 'loonstrook.pdf');
    expect(doc).toMatchObject({ titel: 'Inkomensverklaring', bestandsomvang: content.length });
    const eio = (await (await api(doc?.url as string)).json()) as Record<string, unknown>;
    expect(eio.auteur).toBe('Sanne de Vries');
    expect(eio.formaat).toBe('application/pdf');
    const download = await api(`${doc?.url}/download`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);

    // Related to the zaak in Zaken too, and the change is in the audit trail as the citizen's.
    const zios = (await (
      await api(`${loket.url}/zaken/api/v1/zaakinformatieobjecten?zaak=${zaakUrl(loket.url, caseId)}`)
    ).json()) as { informatieobject: string }[];
    expect(zios.map((z) => z.informatieobject)).toContain(doc?.url);
    const audit = (await (await api(`${doc?.url}/audittrail`)).json()) as { gebruikersWeergave: string }[];
    expect(audit.map((a) => a.gebruikersWeergave)).toContain('Sanne de Vries');

    const page = await (await sanne.request(`/zaken/${caseId}`)).text();
    expect(page).toContain('Inkomensverklaring (loonstrook.pdf)');
    // The workbench reads the case's documents from the same place.
    const zaak = await getZaak(database().db, caseId);
    const staffId = DEMO_STAFF.find((s) => s.organisationId === zaak?.organisation_id)?.id as string;
    const workbench = await web(loket)(await staffSession(database(), staffId), `/werkplek/zaken/${caseId}`);
    expect(workbench.status).toBe(200);
    expect(workbench.text).toContain('loonstrook.pdf');
    expect(page).toContain('Document ontvangen: Inkomensverklaring');
    const logged = await database()
      .db.selectFrom('processing_log')
      .select('purpose')
      .where('subject_id', '=', DEMO_BSN.sanne)
      .where('purpose', '=', 'Document ontvangen voor een zaak')
      .execute();
    expect(logged.length).toBe(1);
  });

  it('counts the upload once when Zaken tells the case engine about the new zaakinformatieobject', async () => {
    await expect
      .poll(
        async () =>
          (
            await sql<{ n: number }>`select count(*)::int as n from outbox_delivery d
              join outbox_event e on e.id = d.event_id
              where d.consumer = 'cases.events' and d.status = 'delivered'
                and e.payload->>'resource' = 'zaakinformatieobject'`.execute(database().db)
          ).rows[0]?.n,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    const plan = await loadCasePlan(database().db, caseId);
    expect(plan?.state.facts.documents.received).toBe(1);
  });

  it('refuses an upload without a file and stores nothing', async () => {
    const before = (await documentsOfObject(database().db, zaakUrl(loket.url, caseId))).length;
    const other = /href="(\/zaken\/[0-9a-f-]{36}\/taken\/[^"]+)"/.exec(
      await (await sanne.request(`/zaken/${caseId}`)).text(),
    );
    const path = other?.[1] ?? taskPath;
    const body = new FormData();
    body.append('_csrf', await csrfOf(sanne, path));
    body.append('document', new Blob([]), '');
    const res = await sanne.request(`${path}/document`, { method: 'POST', body });
    expect([400, 404]).toContain(res.status);
    expect((await documentsOfObject(database().db, zaakUrl(loket.url, caseId))).length).toBe(before);
  });

  it('shows the contact moments of the case and the open call-back request with its date', async () => {
    await fileRequest(database().db, {
      bsn: DEMO_BSN.sanne,
      name: 'Sanne de Vries',
      kind: 'terugbellen',
      question: 'Wanneer hoor ik iets?',
      about: `zaak:${caseId}`,
      phone: '0612345678',
      preferredTime: 'geen-voorkeur',
      preferredNote: null,
    });
    const zaak = await getZaak(database().db, caseId);
    const staff = { id: 'a.bakker', name: 'Anna Bakker', organisationId: zaak?.organisation_id as string };
    await recordContact(database().db, {
      subjectBsn: DEMO_BSN.sanne,
      caseId,
      channel: 'telefoon',
      summary: `Uitgelegd welke inkomensverklaring nodig is. ${'Meer uitleg. '.repeat(30)}`,
      staff,
    });
    await recordContact(database().db, {
      subjectBsn: DEMO_BSN.jeroen,
      caseId,
      channel: 'balie',
      summary: 'Iemand anders aan de balie.',
      staff,
    });
    const res = await sanne.request(`/zaken/${caseId}`);
    const page = await res.text();
    expect(page).toContain('Uw verzoeken om contact');
    expect(page).toMatch(/Terugbelverzoek: wij bellen u uiterlijk op \d+ [a-z]+ \d{4}\./);
    expect(page).toContain('Uitgelegd welke inkomensverklaring nodig is.');
    expect(page).toContain('…');
    expect(page).not.toContain('Meer uitleg. '.repeat(20));
    expect(page).toContain('Telefoon');
    expect(page).not.toContain('Iemand anders aan de balie.');
    const logged = await database()
      .db.selectFrom('processing_log')
      .select(['subject_id', 'purpose'])
      .where('trace_id', '=', res.headers.get('x-request-id'))
      .execute();
    expect(logged).toContainEqual({
      subject_id: DEMO_BSN.sanne,
      purpose: 'Laten zien welk contact er met de inwoner was',
    });
    expect(logged.map((l) => l.subject_id)).not.toContain(DEMO_BSN.jeroen);
  });
});
