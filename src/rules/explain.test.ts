import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.ts';
import {
  type HuwelijkCase,
  huwelijkInputs,
  type KwijtscheldingCase,
  kwijtscheldingInputs,
  type ZorgtoeslagCase,
  zorgtoeslagInputs,
} from './examples.ts';
import { explainForCitizen, explainForProfessional } from './explain.ts';
import { checkB1 } from './readability.ts';
import { loadRuleRegistry } from './registry.ts';
import type { RuleInputs } from './types.ts';

const registry = loadRuleRegistry();

function explained(ruleId: string, date: string, inputs: RuleInputs) {
  const version = registry.select(ruleId, date);
  const result = evaluate(version, inputs, { trace: true });
  return { version, result, citizen: explainForCitizen(version, result) };
}

const zorgCases: ZorgtoeslagCase[] = [
  { peildatum: '2025-03-01', inkomen: 19000 },
  { peildatum: '2024-03-01', inkomen: 7000, partnerInkomen: 26200, partnerVerzekerd: false },
  { peildatum: '2025-03-01', inkomen: 25000, partnerInkomen: 12000 },
  { peildatum: '2025-03-01', inkomen: 45000 },
  { peildatum: '2025-03-01', inkomen: 19000, vermogen: 150000 },
  { peildatum: '2025-03-01', inkomen: 1000, geboortedatum: '2007-03-15' },
  { peildatum: '2025-03-01', inkomen: 19000, verzekerd: false },
  { peildatum: '2025-03-01', inkomen: 19000, gedetineerd: true },
  { peildatum: '2025-03-01', inkomen: 19000, rechtmatigVerblijf: false },
];
const kwijtCases: KwijtscheldingCase[] = [
  { nettoInkomenPerMaand: 1200, teBetalenBelasting: 350 },
  { nettoInkomenPerMaand: 1240, teBetalenBelasting: 350, nettoWoonlastenPerMaand: 0 },
  {
    nettoInkomenPerMaand: 2400,
    teBetalenBelasting: 512.4,
    heeftEchtgenoot: true,
    nettoWoonlastenPerMaand: 300,
  },
  { nettoInkomenPerMaand: 1450, teBetalenBelasting: 350, aflossingTerugvorderingToeslagenPerMaand: 100 },
  { nettoInkomenPerMaand: 1100, teBetalenBelasting: 350, financieleMiddelen: 5000 },
  { nettoInkomenPerMaand: 900, teBetalenBelasting: 350, pensioengerechtigd: true },
];
const adults = {
  huwelijksdatum: '2025-06-20',
  geboortedatumPartner1: '1994-02-11',
  geboortedatumPartner2: '1996-10-30',
};
const huwelijkCases: HuwelijkCase[] = [
  adults,
  { ...adults, geboortedatumPartner2: '2008-01-01' },
  { ...adults, partner1AlGebonden: true },
  { ...adults, partner2OnderCuratele: true, partner2ToestemmingCurator: false },
  { ...adults, broersOfZussen: true, geboortedatumPartner1: '2009-09-09' },
];

const all = [
  ...zorgCases.map((c) => explained('zorgtoeslag', c.peildatum, zorgtoeslagInputs(c))),
  ...kwijtCases.map((c) =>
    explained('kwijtschelding-gemeentelijke-belastingen', '2025-03-01', kwijtscheldingInputs(c)),
  ),
  ...huwelijkCases.map((c) => explained('huwelijk-melding-voorgenomen', '2025-06-01', huwelijkInputs(c))),
];

describe('citizen explanations', () => {
  it('tell the zorgtoeslag per month and where the income came from', () => {
    expect(all[0].citizen.paragraphs).toEqual([
      'U krijgt € 131 per maand zorgtoeslag. Over een heel jaar is dat € 1.573.',
      'Dat komt zo:',
      'Uw inkomen in 2025 is € 19.000. Dit bedrag komt van de Belastingdienst.',
      'Bij dit inkomen moet u zelf € 538,58 per jaar aan uw zorgverzekering betalen. Voor de zorgverzekering rekenen wij met € 2.112 per jaar.',
      'U krijgt het verschil. Dat is € 1.573,42 per jaar.',
      'Wij ronden dit af op € 1.573. Per maand krijgt u € 131.',
      'Klopt een gegeven niet? Bijvoorbeeld uw inkomen? Laat het ons dan weten. Dan kijken wij het opnieuw na.',
    ]);
  });

  it('give the reason when there is no right', () => {
    expect(all[3].citizen.text).toContain('Uw inkomen is dus te hoog voor zorgtoeslag.');
    expect(all[4].citizen.text).toContain('De grens is € 141.896.');
    expect(all[5].citizen.text).toContain('U bent nog geen 18 jaar.');
  });

  it.each(all.map((e, i) => [i, e.version.id, e.citizen.text] as const))(
    'pass the B1 check (case %i, %s)',
    (_i, _id, text) => {
      const report = checkB1(text);
      expect(report.issues).toEqual([]);
    },
  );

  it('can be rendered again from a stored result', () => {
    const { version, result, citizen } = all[1];
    const stored = JSON.parse(JSON.stringify(result));
    expect(explainForCitizen(version, stored)).toEqual(citizen);
    expect(explainForProfessional(version, stored)).toEqual(explainForProfessional(version, result));
  });

  it('need a result evaluated with a trace', () => {
    const version = registry.select('zorgtoeslag', '2025-03-01');
    const result = evaluate(version, zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 19000 }));
    expect(() => explainForCitizen(version, result)).toThrow(
      'explanations need a result evaluated with { trace: true }',
    );
  });
});

describe('professional explanation', () => {
  it('lists every input with its source and fact, and every step with value, formula, parameters and article', () => {
    const { version, result } = all[0];
    const text = explainForProfessional(version, result).text;
    expect(text).toContain(
      'Regelversie: Zorgtoeslag 2025 (zorgtoeslag@2025-01-01), geldig vanaf 1 januari 2025 t/m 31 december 2025',
    );
    expect(text).toContain(
      '- toetsingsinkomen = € 19.000,00 (bron: Basisregistratie Inkomen (Belastingdienst) [base-registry], gegeven inkomen-aanvrager versie 1; grondslag: Algemene wet inkomensafhankelijke regelingen art. 8).',
    );
    for (const step of version.definition.steps) expect(text).toContain(`. ${step.name} = `);
    expect(text).toContain('6. normpremie = € 538,58');
    expect(text).toContain(
      'parameters: percentageDrempelPartner = 4,273% (Wet op de zorgtoeslag art. 2 lid 3 — jo. Besluit percentages drempel- en toetsingsinkomen zorgtoeslag art. 1, berekeningsjaar 2025)',
    );
    expect(text).toContain('grondslag: Wet op de zorgtoeslag art. 2 lid 2 en 3');
    expect(text).toContain('(uitvoeringspraktijk, geen wettelijke grondslag gevonden)');
  });

  it('points out a fact from an unexpected source', () => {
    const version = registry.select('zorgtoeslag', '2025-03-01');
    const inputs = zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 19000 });
    inputs.toetsingsinkomen = { value: 19000, source: { kind: 'applicant', name: 'Aanvrager' } };
    const text = explainForProfessional(version, evaluate(version, inputs, { trace: true })).text;
    expect(text).toContain(
      'bron: Aanvrager [applicant]; verwachte bron: Basisregistratie Inkomen (Belastingdienst) [base-registry]',
    );
  });
});
