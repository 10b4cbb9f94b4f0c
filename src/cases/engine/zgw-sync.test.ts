import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../../authz/test-support.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import { eioBody } from '../../documenten/test-support.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import { getZaak } from '../../zaken/index.ts';
import { caseApi, type Person, personSession, startCaseLoket, until } from '../test-support.ts';
import { loadCasePlan } from './apply.ts';
import { deadlinesOf } from './deadline-views.ts';

/**
 * The case engine and the ZGW APIs on the same case: a document linked through Zaken/Documenten reaches the
 * plan as `document-received`; opschorting and verlenging agree between the engine's beslistermijn and the
 * zaak's ZGW fields, whichever side changes them.
 */
const CRS = { 'accept-crs': 'EPSG:4326', 'content-crs': 'EPSG:4326' };

describeBackends('case engine and the ZGW APIs on one case', (database) => {
  let loket: TestLoket;
  let as: ReturnType<typeof caseApi>;
  let zgw: ReturnType<typeof apiAs>;
  let jansen: Person;
  let base: string;

  beforeAll(async () => {
    loket = await startCaseLoket(database());
    base = loket.context.config.baseUrl;
    as = caseApi(loket);
    jansen = await personSession(database(), 'staff', 'm.jansen', 'voorbeeldstad', {
      name: 'Marieke Jansen',
      roles: ['behandelaar'],
    });
    zgw = apiAs(
      loket.url,
      await addTestClient(database().db, { all: true, organisationId: 'voorbeeldstad' }),
    );
  });
  afterAll(async () => loket?.stop());

  const db = () => database().db;
  const startMove = async () => {
    const r = await as(jansen, 'POST', '/zaken', {
      zaaktype: 'AANGIFTE-VERHUIZING',
      bsn: DEMO_BSN.lisa,
      data: { inwoning: false },
    });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  };
  const zaakData = async (caseId: string) =>
    (await getZaak(db(), caseId))?.data as {
      opschorting?: { indicatie: boolean; reden: string };
      verlenging?: { reden: string; duur: string } | null;
    };
  const term = async (caseId: string) =>
    (await deadlinesOf(db(), caseId)).find((d) => d.kind === 'beslistermijn');

  it('sets the zaak’s ZGW status when the plan reaches a milestone of the same name', async () => {
    const caseId = await startMove();
    const zaak = await until(async () => {
      const z = await zgw('GET', `/zaken/api/v1/zaken/${caseId}`, undefined, CRS);
      return z.body.status ? z.body : undefined;
    });
    const status = await zgw('GET', new URL(zaak.status).pathname);
    expect(status.body.statustoelichting).toBe('Verhuizing doorgegeven');
    const statustype = await zgw('GET', new URL(status.body.statustype).pathname);
    expect(statustype.body.omschrijving).toBe('Verhuizing doorgegeven');
  });

  it('turns a document linked to the zaak through the Zaken API into document-received for the plan', async () => {
    const caseId = await startMove();
    // The zaaktype's own 'Bewijsstuk' (every demo catalogue has one).
    const zaak = await zgw('GET', `/zaken/api/v1/zaken/${caseId}`, undefined, CRS);
    const zaaktype = await zgw('GET', new URL(zaak.body.zaaktype).pathname);
    let bewijsstuk: { url: string } | undefined;
    for (const url of zaaktype.body.informatieobjecttypen as string[]) {
      const type = await zgw('GET', new URL(url).pathname);
      if (type.body.omschrijving === 'Bewijsstuk') bewijsstuk = type.body;
    }
    if (!bewijsstuk) throw new Error('no Bewijsstuk for this zaaktype');
    const eio = await zgw(
      'POST',
      '/documenten/api/v1/enkelvoudiginformatieobjecten',
      eioBody(bewijsstuk.url, { bronorganisatie: '002564440', vertrouwelijkheidaanduiding: 'vertrouwelijk' }),
    );
    expect(eio.status, JSON.stringify(eio.body)).toBe(201);
    const zio = await zgw('POST', '/zaken/api/v1/zaakinformatieobjecten', {
      zaak: `${base}/zaken/api/v1/zaken/${caseId}`,
      informatieobject: eio.body.url,
    });
    expect(zio.status, JSON.stringify(zio.body)).toBe(201);
    const state = await until(async () => {
      const row = await loadCasePlan(db(), caseId);
      return row && row.state.facts.documents.received > 0 ? row.state : undefined;
    });
    expect(state.facts.documents.types).toEqual(['bewijsstuk']);
    expect(state.facts.documents.received).toBe(1);
  });

  it('writes a suspension, a resumption and an extension by the engine into the zaak’s ZGW fields', async () => {
    const caseId = await startMove();
    await as(jansen, 'POST', `/zaken/${caseId}/termijnen/beslistermijn/opschorten`, {
      reason: 'Wij wachten op een bewijs van bewoning.',
    });
    await until(async () => (await zaakData(caseId)).opschorting?.indicatie === true);
    expect((await zaakData(caseId)).opschorting).toEqual({
      indicatie: true,
      reden: 'Wij wachten op een bewijs van bewoning.',
    });
    const zaak = await zgw('GET', `/zaken/api/v1/zaken/${caseId}`, undefined, CRS);
    expect(zaak.body.opschorting.indicatie).toBe(true);

    await as(jansen, 'POST', `/zaken/${caseId}/termijnen/beslistermijn/hervatten`, {});
    await until(async () => (await zaakData(caseId)).opschorting?.indicatie === false);

    const before = await term(caseId);
    const extended = await as(jansen, 'POST', `/zaken/${caseId}/termijnen/beslistermijn/verlengen`, {
      reason: 'Wij wachten op gegevens van de vorige gemeente.',
      term: 'P2W',
    });
    expect(extended.status).toBe(200);
    const days = Math.round(
      (Date.parse(extended.body.dueDate) - Date.parse(before?.dueDate ?? '')) / 86_400_000,
    );
    const verlenging = await until(async () => (await zaakData(caseId)).verlenging ?? undefined);
    expect(verlenging).toEqual({
      reden: 'Wij wachten op gegevens van de vorige gemeente.',
      duur: `P${days}D`,
    });
    // The echo of our own zaak update changes nothing more.
    expect(
      (await deadlinesOf(db(), caseId, true))[0]?.changes?.filter((c) => c.change === 'extended'),
    ).toHaveLength(1);
  });

  it('moves the beslistermijn when a ZGW client changes opschorting or verlenging of the zaak', async () => {
    const caseId = await startMove();
    const url = `/zaken/api/v1/zaken/${caseId}`;
    const start = await term(caseId);
    const patched = await zgw(
      'PATCH',
      url,
      {
        opschorting: { indicatie: true, reden: 'Aanvulling gevraagd bij de aanvrager' },
      },
      CRS,
    );
    expect(patched.status).toBe(200);
    const suspended = await until(async () =>
      (await term(caseId))?.status === 'suspended' ? term(caseId) : undefined,
    );
    expect(suspended?.suspendedOn).not.toBeNull();
    const changes = (await deadlinesOf(db(), caseId, true))[0]?.changes ?? [];
    expect(changes.at(-1)).toMatchObject({
      change: 'suspended',
      reason: 'Aanvulling gevraagd bij de aanvrager',
      actor: { kind: 'system', id: 'zaken-api' },
    });

    await zgw('PATCH', url, { opschorting: { indicatie: false, reden: '' } }, CRS);
    await until(async () => (await term(caseId))?.status === 'running');

    await zgw('PATCH', url, { verlenging: { reden: 'Advies van de politie nodig', duur: 'P10D' } }, CRS);
    const moved = await until(async () => {
      const t = await term(caseId);
      return t && t.dueDate > (start?.dueDate ?? '') ? t : undefined;
    });
    const days = Math.round((Date.parse(moved.dueDate) - Date.parse(start?.dueDate ?? '')) / 86_400_000);
    expect(days).toBeGreaterThanOrEqual(10);
    expect(days).toBeLessThanOrEqual(13); // at most moved to the next working day
    // The zaak now says how long the term really was extended (the working-day rule may add a day or two).
    await until(async () => (await zaakData(caseId)).verlenging?.duur === `P${days}D`);
    expect((await zaakData(caseId)).verlenging?.reden).toBe('Advies van de politie nodig');
    // And nothing echoes back: one extension only.
    const extensions = ((await deadlinesOf(db(), caseId, true))[0]?.changes ?? []).filter(
      (c) => c.change === 'extended',
    );
    expect(extensions).toHaveLength(1);
  });
});
