/**
 * The compiled engine against plain feelin: the same rule, the same 10,000 generated cases, every
 * step value identical (exact equality, also for amounts).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.ts';
import { generateZorgtoeslagInputs, huwelijkInputs, kwijtscheldingInputs, seededRandom } from './examples.ts';
import { evaluateBatchWithFeelin } from './reference.ts';
import { loadRuleRegistry } from './registry.ts';
import type { PlainValue, RuleInputs, RuleVersion } from './types.ts';

const registry = loadRuleRegistry();

function compiledSteps(version: RuleVersion, inputs: RuleInputs): Record<string, PlainValue> {
  const out: Record<string, PlainValue> = {};
  for (const t of evaluate(version, inputs, { trace: true }).trace!) out[t.step] = t.value;
  return out;
}

function differences(version: RuleVersion, cases: RuleInputs[]): string[] {
  const reference = evaluateBatchWithFeelin(version, cases);
  const found: string[] = [];
  cases.forEach((inputs, i) => {
    const compiled = compiledSteps(version, inputs);
    for (const [step, value] of Object.entries(reference[i])) {
      if (!Object.is(compiled[step], value))
        found.push(`case ${i}, ${step}: compiled ${compiled[step]}, feelin ${value}`);
    }
  });
  return found;
}

describe('compiled engine equals plain feelin', () => {
  it('on 10,000 generated zorgtoeslag cases, every step', () => {
    const version = registry.select('zorgtoeslag', '2025-01-01');
    const cases = generateZorgtoeslagInputs(10_000, 2025, 2025);
    const outcomes = new Set(cases.map((c) => evaluate(version, c).outputs.redenGeenRecht));
    // The generated cases reach every outcome, so every branch is compared.
    expect([...outcomes].sort()).toEqual(
      [
        'gedetineerd',
        'geen rechtmatig verblijf',
        'inkomen',
        'leeftijd',
        'niet verzekerd',
        'vermogen',
        null,
      ].sort(),
    );
    expect(differences(version, cases)).toEqual([]);
  });

  it('on generated kwijtschelding and marriage cases, including interpreter fallbacks', () => {
    const rnd = seededRandom(7);
    const money = (max: number) => Math.round(rnd() * max * 100) / 100;
    const kwijt = Array.from({ length: 400 }, () =>
      kwijtscheldingInputs({
        nettoInkomenPerMaand: money(3000),
        teBetalenBelasting: money(900),
        heeftEchtgenoot: rnd() < 0.4,
        pensioengerechtigd: rnd() < 0.1,
        nettoWoonlastenPerMaand: money(800),
        zorgkostenPerMaand: money(150),
        aflossingTerugvorderingToeslagenPerMaand: rnd() < 0.3 ? money(250) : 0,
        financieleMiddelen: money(6000),
        overigVermogen: rnd() < 0.2 ? money(5000) : 0,
      }),
    );
    expect(
      differences(registry.select('kwijtschelding-gemeentelijke-belastingen', '2025-03-01'), kwijt),
    ).toEqual([]);

    const day = (y: number) =>
      `${y}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const huwelijk = Array.from({ length: 200 }, () => {
      const curatele = rnd() < 0.2;
      return huwelijkInputs({
        huwelijksdatum: day(2025),
        geboortedatumPartner1: day(1990 + Math.floor(rnd() * 20)),
        geboortedatumPartner2: day(1990 + Math.floor(rnd() * 20)),
        partner1AlGebonden: rnd() < 0.1,
        partner2OnderCuratele: curatele,
        partner2ToestemmingCurator: curatele ? rnd() < 0.5 : undefined,
        broersOfZussen: rnd() < 0.05,
      });
    });
    expect(differences(registry.select('huwelijk-melding-voorgenomen', '2025-06-01'), huwelijk)).toEqual([]);
  });
});
