/**
 * Zorgtoeslag 2024 and 2025 against the statute and the amounts the Belastingdienst/Dienst Toeslagen
 * published (sources in README.md): the worked examples of "Berekening zorgtoeslag 2024/2025" to the
 * cent, the maximum per month, the 2025 table per income and the income and asset ceilings.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.ts';
import { type ZorgtoeslagCase, zorgtoeslagInputs } from './examples.ts';
import { loadRuleRegistry } from './registry.ts';

const registry = loadRuleRegistry();

function zorgtoeslag(c: ZorgtoeslagCase) {
  return evaluate(registry.select('zorgtoeslag', c.peildatum), zorgtoeslagInputs(c)).outputs;
}

const in2024 = (c: Omit<ZorgtoeslagCase, 'peildatum'>) => zorgtoeslag({ peildatum: '2024-05-01', ...c });
const in2025 = (c: Omit<ZorgtoeslagCase, 'peildatum'>) => zorgtoeslag({ peildatum: '2025-05-01', ...c });

describe('zorgtoeslag: the worked examples of the Dienst Toeslagen, to the cent', () => {
  it('2024, example 1: single, income € 19.000', () => {
    expect(in2024({ inkomen: 19000 })).toMatchObject({
      recht: true,
      normpremie: 503.93,
      berekendeZorgtoeslag: 1483.07,
      maandbedragBerekend: 123.59,
      zorgtoeslagPerMaand: 123,
    });
  });

  it('2024, example 2: married, € 7.000 and € 26.200, partner not insured (50%)', () => {
    expect(in2024({ inkomen: 7000, partnerInkomen: 26200, partnerVerzekerd: false })).toMatchObject({
      normpremie: 2013.7,
      berekendeZorgtoeslag: 980.15,
      maandbedragBerekend: 81.68,
      zorgtoeslagPerMaand: 81,
    });
  });

  it('2025, example 1: single, income € 19.000', () => {
    expect(in2025({ inkomen: 19000 })).toMatchObject({
      normpremie: 538.58,
      berekendeZorgtoeslag: 1573.42,
      maandbedragBerekend: 131.12,
      zorgtoeslagPerMaand: 131,
    });
  });

  it('2025, example 2: married, € 7.000 and € 26.200, partner not insured (50%, rounded half up)', () => {
    expect(in2025({ inkomen: 7000, partnerInkomen: 26200, partnerVerzekerd: false })).toMatchObject({
      normpremie: 1870.57,
      berekendeZorgtoeslag: 1176.72,
      maandbedragBerekend: 98.06,
      zorgtoeslagPerMaand: 98,
    });
  });
});

describe('zorgtoeslag: published maximum per month', () => {
  it('2024: € 123 single, € 236 with a partner', () => {
    expect(in2024({ inkomen: 0 }).zorgtoeslagPerMaand).toBe(123);
    expect(in2024({ inkomen: 0, partnerInkomen: 0 }).zorgtoeslagPerMaand).toBe(236);
  });

  it('2025: € 131 single, € 250 with a partner', () => {
    expect(in2025({ inkomen: 0 }).zorgtoeslagPerMaand).toBe(131);
    expect(in2025({ inkomen: 0, partnerInkomen: 0 }).zorgtoeslagPerMaand).toBe(250);
  });
});

describe('zorgtoeslag 2025: the Belastingdienst table per income', () => {
  const single = [131, 124, 112, 101, 90, 78, 67, 55, 44, 33, 21, 10];
  const partners = [250, 244, 232, 221, 209, 198, 187, 175, 164, 152, 141, 129, 118, 107, 95, 84];
  it.each(single.map((amount, i) => [28000 + i * 1000, amount]))(
    'single, income € %i: € %i per month',
    (inkomen, amount) => {
      expect(in2025({ inkomen }).zorgtoeslagPerMaand).toBe(amount);
    },
  );
  it.each(partners.map((amount, i) => [28000 + i * 1000, amount]))(
    'with partner, joint income € %i: € %i per month',
    (inkomen, amount) => {
      expect(in2025({ inkomen, partnerInkomen: 0 }).zorgtoeslagPerMaand).toBe(amount);
    },
  );
});

describe('zorgtoeslag: income ceilings follow from the formula and the € 24 minimum (Awir art. 14)', () => {
  it.each([
    ['2024', 37496, undefined],
    ['2024', 47368, 0],
    ['2025', 39719, undefined],
    ['2025', 50206, 0],
  ] as const)(
    '%s: entitled up to the published ceiling € %i, not one euro above',
    (year, ceiling, partner) => {
      const at = year === '2024' ? in2024 : in2025;
      expect(at({ inkomen: ceiling, partnerInkomen: partner })).toMatchObject({
        recht: true,
        zorgtoeslagPerJaar: 24,
      });
      expect(at({ inkomen: ceiling + 1, partnerInkomen: partner })).toMatchObject({
        recht: false,
        redenGeenRecht: 'inkomen',
        zorgtoeslagPerJaar: 0,
        zorgtoeslagPerMaand: 0,
      });
    },
  );
});

describe('zorgtoeslag: conditions of the statute', () => {
  it('refuses above the asset limit (2024: € 140.213, 2025: € 141.896; partners € 177.301 / € 179.429)', () => {
    expect(in2024({ inkomen: 19000, vermogen: 140213 }).recht).toBe(true);
    expect(in2024({ inkomen: 19000, vermogen: 140213.01 })).toMatchObject({
      recht: false,
      redenGeenRecht: 'vermogen',
    });
    expect(in2025({ inkomen: 19000, vermogen: 141896 }).recht).toBe(true);
    expect(in2025({ inkomen: 19000, vermogen: 141897 }).recht).toBe(false);
    expect(in2025({ inkomen: 19000, partnerInkomen: 0, vermogen: 179429 }).recht).toBe(true);
    expect(in2025({ inkomen: 19000, partnerInkomen: 0, vermogen: 179430 }).recht).toBe(false);
  });

  it('grants from the month after the 18th birthday (Wzt art. 1 lid 1 onder c)', () => {
    const turns18 = { inkomen: 5000, geboortedatum: '2007-03-15' };
    expect(zorgtoeslag({ peildatum: '2025-03-01', ...turns18 })).toMatchObject({
      recht: false,
      redenGeenRecht: 'leeftijd',
    });
    expect(zorgtoeslag({ peildatum: '2025-04-01', ...turns18 }).recht).toBe(true);
  });

  it('refuses the uninsured, detainees and those without lawful residence', () => {
    expect(in2025({ inkomen: 19000, verzekerd: false }).redenGeenRecht).toBe('niet verzekerd');
    expect(in2025({ inkomen: 19000, gedetineerd: true }).redenGeenRecht).toBe('gedetineerd');
    expect(in2025({ inkomen: 19000, rechtmatigVerblijf: false }).redenGeenRecht).toBe(
      'geen rechtmatig verblijf',
    );
  });

  it('adds the partner income and counts the standard premium twice', () => {
    const both = in2025({ inkomen: 20000, partnerInkomen: 15000 });
    const combined = in2025({ inkomen: 35000, partnerInkomen: 0 });
    expect(both).toEqual(combined);
    expect(both.berekendeZorgtoeslag).toBe(2 * 2112 - (both.normpremie as number));
  });
});
