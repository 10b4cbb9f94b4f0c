import { describe, expect, it } from 'vitest';
import { checkFieldPath, covers, selectFields } from './fields.ts';
import { ageOn, toDatum } from './haal-centraal.ts';
import { contentVersion, toPersoon } from './persoon.ts';

describe('ageOn (the BRP leeftijd rules)', () => {
  it.each([
    ['1996-02-29', '2016-02-28', 19],
    ['1996-02-29', '2016-02-29', 20],
    ['1996-02-29', '2017-02-28', 20],
    ['1996-02-29', '2017-03-01', 21],
    ['2009-01-01', '2026-12-31', 17],
    ['2009-01-01', '2027-01-01', 18],
  ])('born %s is on %s %i years old', (born, on, age) => {
    expect(ageOn(toDatum(born), on)).toBe(age);
  });

  it('gives an age for a year-and-month birth date except in the birth month', () => {
    expect(ageOn(toDatum('1979-06'), '2026-05-31')).toBe(46);
    expect(ageOn(toDatum('1979-06'), '2026-06-15')).toBeNull();
    expect(ageOn(toDatum('1979-06'), '2026-07-01')).toBe(47);
  });

  it('gives no age for a year-only or unknown birth date', () => {
    expect(ageOn(toDatum('1968'), '2026-11-23')).toBeNull();
    expect(ageOn(toDatum(''), '2026-11-23')).toBeNull();
    expect(ageOn(undefined, '2026-11-23')).toBeNull();
  });
});

describe('toDatum', () => {
  it('writes the long form the API gives', () => {
    expect(toDatum('1956-11-15')).toEqual({
      type: 'Datum',
      datum: '1956-11-15',
      langFormaat: '15 november 1956',
    });
    expect(toDatum('1978-03')).toEqual({
      type: 'JaarMaandDatum',
      jaar: 1978,
      maand: 3,
      langFormaat: 'maart 1978',
    });
    expect(toDatum('1968')).toEqual({ type: 'JaarDatum', jaar: 1968, langFormaat: '1968' });
    expect(toDatum('')).toEqual({ type: 'DatumOnbekend', onbekend: true, langFormaat: 'onbekend' });
  });

  it('refuses a date that does not exist', () => {
    expect(() => toDatum('2023-02-29')).toThrow();
  });
});

describe('fields', () => {
  it('tells existing, unknown and not allowed paths apart per response kind', () => {
    expect(checkFieldPath('partners.naam.voornamen', 'Persoon')).toBe('ok');
    expect(checkFieldPath('geboorte.datum.langFormaat', 'Persoon')).toBe('ok');
    expect(checkFieldPath('geslacht.soort', 'Persoon')).toBe('unknown');
    expect(checkFieldPath('partners', 'PersoonBeperkt')).toBe('unknown');
    expect(checkFieldPath('opschortingBijhouding.reden', 'Persoon')).toBe('notAllowed');
    expect(checkFieldPath('gezag', 'Persoon')).toBe('ok');
    expect(checkFieldPath('gezag.ouders', 'Persoon')).toBe('notAllowed');
  });

  it('leaves out empty groups and false flags, as the API does', () => {
    const record = { naam: { voornamen: 'Kees' }, partners: [], indicatieCurateleRegister: false };
    expect(selectFields(record, ['naam', 'partners', 'indicatieCurateleRegister'], 'Persoon')).toEqual({
      naam: { voornamen: 'Kees' },
    });
  });

  it('knows when a path was covered by the asked fields', () => {
    expect(covers(['partners'], 'partners.soortVerbintenis')).toBe(true);
    expect(covers(['partners.burgerservicenummer'], 'partners.soortVerbintenis')).toBe(false);
    expect(covers(['adresseringBinnenland'], 'adressering.adresregel1')).toBe(true);
  });
});

describe('toPersoon', () => {
  const at = new Date('2026-11-23T10:00:00Z');

  it('derives a marital status only when both kind and dissolution were asked', () => {
    const raw = { burgerservicenummer: '999990354', partners: [{ burgerservicenummer: '999990433' }] };
    expect(toPersoon(raw, ['partners.burgerservicenummer'], at).maritalStatus).toBeUndefined();
    expect(toPersoon({ burgerservicenummer: '999990354' }, ['partners'], at).maritalStatus).toBe('none');
  });

  it('lists the groups the BRP has under investigation', () => {
    const raw = {
      burgerservicenummer: '999990354',
      verblijfplaats: { type: 'Adres' as const, inOnderzoek: { type: true } },
      partners: [{ burgerservicenummer: '999990433', inOnderzoek: { burgerservicenummer: true } }],
    };
    expect(toPersoon(raw, ['verblijfplaats', 'partners'], at).underInvestigation).toEqual([
      'verblijfplaats',
      'partners',
    ]);
  });

  it('versions a record independently of key order and of leeftijd', () => {
    const a = toPersoon(
      { burgerservicenummer: '1', naam: { voornamen: 'A', geslachtsnaam: 'B' }, leeftijd: 30 },
      ['naam'],
      at,
    );
    const b = toPersoon(
      { naam: { geslachtsnaam: 'B', voornamen: 'A' }, burgerservicenummer: '1', leeftijd: 31 },
      ['naam'],
      at,
    );
    expect(a.provenance.recordVersion).toBe(b.provenance.recordVersion);
    expect(contentVersion({ x: 1 })).not.toBe(contentVersion({ x: 2 }));
  });
});
