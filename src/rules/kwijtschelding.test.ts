import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.ts';
import { type KwijtscheldingCase, kwijtscheldingInputs } from './examples.ts';
import { loadRuleRegistry } from './registry.ts';

const registry = loadRuleRegistry();
const RULE = 'kwijtschelding-gemeentelijke-belastingen';

function kwijtschelding(c: KwijtscheldingCase, referenceDate = '2025-03-01') {
  return evaluate(registry.select(RULE, referenceDate), kwijtscheldingInputs(c), { trace: true });
}

describe('kwijtschelding gemeentelijke belastingen', () => {
  it('remits everything when nothing is left above the cost of living (90% of the social assistance norm)', () => {
    const r = kwijtschelding({ nettoInkomenPerMaand: 1200, teBetalenBelasting: 350 });
    expect(r.trace!.find((t) => t.step === 'kostenVanBestaan')!.value).toBe(1210.91);
    expect(r.outputs).toMatchObject({
      uitkomst: 'volledig',
      kwijtscheldingBedrag: 350,
      teBetalen: 0,
      betalingscapaciteit: 0,
    });
  });

  it('remits what 80% of twelve months of payment capacity does not cover', () => {
    // 1240 − 1210,91 = 29,09 a month; × 12 = 349,08; 80% = 279,26; 350 − 279,26 = 70,74.
    expect(kwijtschelding({ nettoInkomenPerMaand: 1240, teBetalenBelasting: 350 }).outputs).toMatchObject({
      uitkomst: 'gedeeltelijk',
      betalingscapaciteit: 349.08,
      kwijtscheldingBedrag: 70.74,
      teBetalen: 279.26,
    });
  });

  it('remits nothing when the capacity covers the tax', () => {
    expect(kwijtschelding({ nettoInkomenPerMaand: 1700, teBetalenBelasting: 350 }).outputs.uitkomst).toBe(
      'geen',
    );
  });

  it('uses the norm for spouses', () => {
    const r = kwijtschelding({ nettoInkomenPerMaand: 1700, teBetalenBelasting: 350, heeftEchtgenoot: true });
    expect(r.trace!.find((t) => t.step === 'kostenVanBestaan')!.value).toBe(1729.86);
    expect(r.outputs.uitkomst).toBe('volledig');
  });

  it('counts savings above the cost of living plus a month of housing and health costs as assets', () => {
    const base = {
      nettoInkomenPerMaand: 1200,
      teBetalenBelasting: 350,
      nettoWoonlastenPerMaand: 500,
      zorgkostenPerMaand: 50,
    };
    // exempt: 1210,91 + 500 + 50 = 1760,91
    expect(kwijtschelding({ ...base, financieleMiddelen: 1760.91 }).outputs.uitkomst).toBe('volledig');
    expect(kwijtschelding({ ...base, financieleMiddelen: 1860.91 }).outputs).toMatchObject({
      uitkomst: 'gedeeltelijk',
      kwijtscheldingBedrag: 250,
    });
  });

  it('sends pensioners to a caseworker instead of deciding', () => {
    expect(
      kwijtschelding({ nettoInkomenPerMaand: 900, teBetalenBelasting: 350, pensioengerechtigd: true })
        .outputs,
    ).toMatchObject({
      uitkomst: 'beoordeling',
      beoordelingDoorMedewerker: true,
      kwijtscheldingBedrag: 0,
    });
  });

  it('applies the norms valid on the reference date: January versus July 2025', () => {
    const c = { nettoInkomenPerMaand: 1220, teBetalenBelasting: 350 };
    expect(kwijtschelding(c, '2025-06-30').outputs).toMatchObject({
      uitkomst: 'gedeeltelijk',
      kwijtscheldingBedrag: 262.74,
    });
    expect(kwijtschelding(c, '2025-07-01').outputs).toMatchObject({
      uitkomst: 'volledig',
      kwijtscheldingBedrag: 350,
    });
  });

  it('changes its outcome when the benefits organisation corrects its recovery fact, and records which version it read', () => {
    const c = {
      nettoInkomenPerMaand: 1450,
      teBetalenBelasting: 350,
      nettoWoonlastenPerMaand: 150,
      zorgkostenPerMaand: 20,
    };
    const before = kwijtschelding(c);
    expect(before.outputs.uitkomst).toBe('geen');
    expect(before.inputs.aflossingTerugvorderingToeslagenPerMaand).toMatchObject({
      value: 0,
      source: { kind: 'organisation', name: 'Dienst Toeslagen' },
      factId: 'terugvordering-toeslagen',
      factVersion: 1,
    });

    // The Dienst Toeslagen corrects the fact: € 100 a month is being repaid (Uitvoeringsregeling art. 15 lid 1 onder a).
    const inputs = kwijtscheldingInputs(c);
    inputs.aflossingTerugvorderingToeslagenPerMaand = {
      ...inputs.aflossingTerugvorderingToeslagenPerMaand,
      value: 100,
      factVersion: 2,
    };
    const after = evaluate(registry.select(RULE, '2025-03-01'), inputs, { trace: true });
    expect(after.outputs.uitkomst).toBe('volledig');
    expect(after.inputs.aflossingTerugvorderingToeslagenPerMaand.factVersion).toBe(2);
    expect(after.trace!.find((t) => t.step === 'uitgaven')).toMatchObject({
      value: 270,
      inputs: ['nettoWoonlastenPerMaand', 'zorgkostenPerMaand', 'aflossingTerugvorderingToeslagenPerMaand'],
      legalBasis: { article: '15', paragraph: '1, onder a, b en c' },
    });
  });
});
