import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import { describeBackends, type TestLoket } from '../testing/backends.ts';
import { newCatalogus, startLoketWithSelectielijst, zaaktypeBody } from './test-support.ts';

const ZTC = '/catalogi/api/v1';
type As = ReturnType<typeof apiAs>;
interface Klasse {
  url: string;
  procesType: string;
  procestermijn: string;
  waardering: string;
  bewaartermijn: string | null;
}

/**
 * What each afleidingswijze of brondatumArchiefprocedure demands (Catalogi API 1.3.1, the field
 * descriptions): the fields that must be filled in, and those that must stay empty.
 */
const MATRIX: [string, { required: string[]; empty: string[] }][] = [
  [
    'afgehandeld',
    {
      required: [],
      empty: ['datumkenmerk', 'einddatumBekend', 'objecttype', 'procestermijn', 'registratie'],
    },
  ],
  [
    'ander_datumkenmerk',
    { required: ['datumkenmerk', 'objecttype', 'registratie'], empty: ['procestermijn'] },
  ],
  ['eigenschap', { required: ['datumkenmerk'], empty: ['objecttype', 'procestermijn', 'registratie'] }],
  [
    'gerelateerde_zaak',
    { required: [], empty: ['datumkenmerk', 'objecttype', 'procestermijn', 'registratie'] },
  ],
  ['hoofdzaak', { required: [], empty: ['datumkenmerk', 'objecttype', 'procestermijn', 'registratie'] }],
  [
    'ingangsdatum_besluit',
    { required: [], empty: ['datumkenmerk', 'objecttype', 'procestermijn', 'registratie'] },
  ],
  [
    'termijn',
    { required: ['procestermijn'], empty: ['datumkenmerk', 'einddatumBekend', 'objecttype', 'registratie'] },
  ],
  [
    'vervaldatum_besluit',
    { required: [], empty: ['datumkenmerk', 'objecttype', 'procestermijn', 'registratie'] },
  ],
  ['zaakobject', { required: ['datumkenmerk', 'objecttype'], empty: ['procestermijn', 'registratie'] }],
];
const FILLED: Record<string, unknown> = {
  datumkenmerk: 'vervaldatum',
  einddatumBekend: true,
  objecttype: 'pand',
  procestermijn: 'P5Y',
  registratie: 'BAG',
};
const pick = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, FILLED[f]]));

describeBackends('Catalogi: resultaattypen and the selectielijst', (database) => {
  let loket: TestLoket & { selectielijst: string };
  let as: As;
  let zaaktype: string;
  let omschrijving: { url: string; omschrijving: string };
  /** Selectielijstklassen of the zaaktype's procestype, by procestermijn; `other` is of another procestype. */
  const klasse: Record<'nihil' | 'bestaansduur' | 'open' | 'other', Klasse> = {} as never;

  const resultaattype = (extra: Record<string, unknown>) =>
    as('POST', `${ZTC}/resultaattypen`, {
      zaaktype,
      omschrijving: `R ${crypto.randomUUID().slice(0, 8)}`,
      resultaattypeomschrijving: omschrijving.url,
      selectielijstklasse: klasse.nihil.url,
      brondatumArchiefprocedure: { afleidingswijze: 'afgehandeld' },
      ...extra,
    });
  const codes = (res: { body: { invalidParams?: { name: string; code: string }[] } }) =>
    (res.body.invalidParams ?? []).map((p) => `${p.name} ${p.code}`).sort();

  beforeAll(async () => {
    const admin = await addTestClient(database().db, {
      autorisaties: [{ component: 'ztc', scopes: ['catalogi.lezen', 'catalogi.schrijven'] }],
    });
    loket = await startLoketWithSelectielijst(database());
    as = apiAs(loket.url, admin);
    const get = async (path: string) => (await fetch(`${loket.selectielijst}${path}`)).json();
    const resultaten: Klasse[] = [];
    for (let next: string | null = `${loket.selectielijst}/resultaten`; next; ) {
      const page = (await (await fetch(next)).json()) as { next: string | null; results: Klasse[] };
      resultaten.push(...page.results);
      next = page.next;
    }
    // A procestype whose klassen cover the three kinds of procestermijn the rules distinguish.
    const of = (p: string, termijn: string) =>
      resultaten.find((r) => r.procesType === p && r.procestermijn === termijn);
    const procestype = [...new Set(resultaten.map((r) => r.procesType))].find(
      (p) => of(p, 'nihil') && of(p, 'bestaansduur_procesobject') && of(p, ''),
    ) as string;
    expect(procestype).toBeDefined();
    Object.assign(klasse, {
      nihil: of(procestype, 'nihil'),
      bestaansduur: of(procestype, 'bestaansduur_procesobject'),
      open: of(procestype, ''),
      other: resultaten.find((r) => r.procesType !== procestype),
    });
    omschrijving = (
      (await get('/resultaattypeomschrijvingen')) as { url: string; omschrijving: string }[]
    )[0]!;
    const catalogus = await newCatalogus(as, 'RT1');
    const created = await as(
      'POST',
      `${ZTC}/zaaktypen`,
      zaaktypeBody(catalogus, { selectielijstProcestype: procestype }),
    );
    expect(created.status).toBe(201);
    zaaktype = created.body.url;
  });
  afterAll(async () => loket.stop());

  it('takes the archive fields from the selectielijstklasse and the generic omschrijving from the list', async () => {
    const res = await resultaattype({});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      selectielijstklasse: klasse.nihil.url,
      archiefnominatie: klasse.nihil.waardering,
      archiefactietermijn: klasse.nihil.bewaartermijn,
      omschrijvingGeneriek: omschrijving.omschrijving,
      brondatumArchiefprocedure: {
        afleidingswijze: 'afgehandeld',
        datumkenmerk: '',
        einddatumBekend: false,
        objecttype: '',
        registratie: '',
        procestermijn: null,
      },
    });
  });

  it('keeps an archiefnominatie and archiefactietermijn that are given', async () => {
    const res = await resultaattype({ archiefnominatie: 'blijvend_bewaren', archiefactietermijn: 'P20Y' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ archiefnominatie: 'blijvend_bewaren', archiefactietermijn: 'P20Y' });
  });

  it('refuses a selectielijstklasse of another procestype than the zaaktype has', async () => {
    const res = await resultaattype({ selectielijstklasse: klasse.other.url });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['nonFieldErrors procestype-mismatch']);
  });

  it('requires a brondatumArchiefprocedure unless the result is kept forever', async () => {
    const missing = await resultaattype({ brondatumArchiefprocedure: null });
    expect(missing.status).toBe(400);
    expect(codes(missing)).toEqual(['brondatumArchiefprocedure required']);
    const kept = await resultaattype({
      brondatumArchiefprocedure: null,
      archiefnominatie: 'blijvend_bewaren',
    });
    expect(kept.status).toBe(201);
  });

  describe('the afleidingswijze must fit the procestermijn of the selectielijstklasse', () => {
    const cases: [string, 'nihil' | 'bestaansduur' | 'open', string, number][] = [
      ['nihil', 'nihil', 'afgehandeld', 201],
      ['nihil', 'nihil', 'eigenschap', 400],
      ['nihil', 'nihil', 'termijn', 400],
      ['a procestermijn other than nihil', 'bestaansduur', 'afgehandeld', 400],
      ['a procestermijn other than the estimated lifetime', 'bestaansduur', 'termijn', 400],
      ['a procestermijn other than nihil', 'bestaansduur', 'eigenschap', 201],
      ['no procestermijn', 'open', 'termijn', 201],
    ];
    it.each(cases)('%s (%s) with %s: %i', async (_, kind, afleidingswijze, status) => {
      const rule = MATRIX.find(([a]) => a === afleidingswijze)![1];
      const res = await resultaattype({
        selectielijstklasse: klasse[kind].url,
        brondatumArchiefprocedure: { afleidingswijze, ...pick(rule.required) },
      });
      expect(res.status).toBe(status);
      if (status === 400)
        expect(codes(res)).toEqual(['nonFieldErrors invalid-afleidingswijze-for-procestermijn']);
    });
  });

  describe('brondatumArchiefprocedure per afleidingswijze', () => {
    it.each(MATRIX)(
      '%s: accepts what it needs and names what must be empty or is missing',
      async (a, rule) => {
        const good = await resultaattype({
          selectielijstklasse: klasse.open.url,
          brondatumArchiefprocedure: { afleidingswijze: a, ...pick(rule.required) },
        });
        expect(good.status).toBe(201);

        const all = await resultaattype({
          selectielijstklasse: klasse.open.url,
          brondatumArchiefprocedure: { afleidingswijze: a, ...pick(rule.empty) },
        });
        expect(all.status).toBe(400);
        expect(all.headers.get('content-type')).toContain('application/problem+json');
        expect(codes(all)).toEqual(
          [
            ...rule.empty.map((f) => `brondatumArchiefprocedure.${f} must-be-empty`),
            ...rule.required.map((f) => `brondatumArchiefprocedure.${f} required`),
          ].sort(),
        );
      },
    );
  });

  describe('references that do not resolve', () => {
    it('calls an unreachable, a missing or a malformed URL bad-url', async () => {
      for (const url of [
        'http://127.0.0.1:1/resultaten/6711baff-798b-4c7f-9133-8ad02c8b7c6f',
        `${loket.selectielijst}/resultaten/00000000-0000-4000-8000-000000000000`,
        'geen url',
      ]) {
        const res = await resultaattype({ selectielijstklasse: url });
        expect(res.status).toBe(400);
        expect(codes(res)).toEqual(['selectielijstklasse bad-url']);
      }
    });

    it('calls a URL that answers with something else invalid-resource', async () => {
      for (const url of [klasse.nihil.procesType, `${loket.url}/health/ready`]) {
        const res = await resultaattype({ selectielijstklasse: url });
        expect(res.status).toBe(400);
        expect(codes(res)).toEqual(['selectielijstklasse invalid-resource']);
      }
      const res = await resultaattype({ resultaattypeomschrijving: klasse.nihil.url });
      expect(codes(res)).toEqual(['resultaattypeomschrijving invalid-resource']);
    });

    it('checks the selectielijstProcestype of a zaaktype the same way', async () => {
      const catalogus = (await as('GET', zaaktype)).body.catalogus;
      const unreachable = await as(
        'POST',
        `${ZTC}/zaaktypen`,
        zaaktypeBody(catalogus, { selectielijstProcestype: 'http://127.0.0.1:1/procestypen/x' }),
      );
      expect(unreachable.status).toBe(400);
      expect(codes(unreachable)).toEqual(['selectielijstProcestype bad-url']);
      const wrong = await as(
        'POST',
        `${ZTC}/zaaktypen`,
        zaaktypeBody(catalogus, { selectielijstProcestype: klasse.nihil.url }),
      );
      expect(wrong.status).toBe(400);
      expect(codes(wrong)).toEqual(['selectielijstProcestype invalid-resource']);
    });
  });
});
