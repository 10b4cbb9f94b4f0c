import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.ts';
import { RuleInputError } from './errors.ts';
import { type HuwelijkCase, huwelijkInputs } from './examples.ts';
import { loadRuleRegistry } from './registry.ts';

const registry = loadRuleRegistry();
const version = registry.select('huwelijk-melding-voorgenomen', '2025-06-01');

const adults: HuwelijkCase = {
  huwelijksdatum: '2025-06-20',
  geboortedatumPartner1: '1994-02-11',
  geboortedatumPartner2: '1996-10-30',
};

function check(c: Partial<HuwelijkCase>) {
  return evaluate(version, huwelijkInputs({ ...adults, ...c })).outputs;
}

describe('melding voorgenomen huwelijk', () => {
  it('lets two unmarried adults who are not related marry', () => {
    expect(check({})).toEqual({
      magDoorgaan: true,
      eersteBelemmering: null,
      leeftijdOk: true,
      nietAlGebonden: true,
      curateleOk: true,
      geenVerbodenVerwantschap: true,
    });
  });

  it('requires both to be 18 on the wedding day (BW 1:31)', () => {
    expect(check({ geboortedatumPartner1: '2007-06-20' }).magDoorgaan).toBe(true);
    expect(check({ geboortedatumPartner2: '2007-06-21' })).toMatchObject({
      magDoorgaan: false,
      leeftijdOk: false,
      eersteBelemmering: 'Burgerlijk Wetboek Boek 1, artikel 31',
    });
  });

  it('refuses when one is already married or a registered partner (BW 1:33)', () => {
    expect(check({ partner2AlGebonden: true })).toMatchObject({
      magDoorgaan: false,
      eersteBelemmering: 'Burgerlijk Wetboek Boek 1, artikel 33',
    });
  });

  it('needs the guardian’s consent for someone under curatele (BW 1:35)', () => {
    expect(check({ partner1OnderCuratele: true, partner1ToestemmingCurator: true }).magDoorgaan).toBe(true);
    expect(check({ partner1OnderCuratele: true, partner1ToestemmingCurator: false })).toMatchObject({
      curateleOk: false,
      eersteBelemmering: 'Burgerlijk Wetboek Boek 1, artikel 35',
    });
    expect(() => check({ partner1OnderCuratele: true })).toThrow(RuleInputError);
    expect(() => check({ partner1OnderCuratele: true })).toThrow(
      'Input "partner1ToestemmingCurator" is missing (required when partner1OnderCuratele)',
    );
  });

  it('refuses blood relatives in the direct line and siblings (BW 1:41)', () => {
    expect(check({ bloedverwantenInRechteLijn: true }).eersteBelemmering).toBe(
      'Burgerlijk Wetboek Boek 1, artikel 41',
    );
    expect(check({ broersOfZussen: true }).geenVerbodenVerwantschap).toBe(false);
  });

  it('reports every failed check and names the first by article order', () => {
    expect(check({ geboortedatumPartner1: '2010-01-01', broersOfZussen: true })).toMatchObject({
      leeftijdOk: false,
      geenVerbodenVerwantschap: false,
      nietAlGebonden: true,
      eersteBelemmering: 'Burgerlijk Wetboek Boek 1, artikel 31',
    });
  });

  it('computes ages with FEEL’s duration function through the interpreter fallback', () => {
    expect(version.execution.leeftijdPartner1).toBe('partial');
    expect(version.execution.magDoorgaan).toBe('compiled');
  });
});
