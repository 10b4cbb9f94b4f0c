import { describe, expect, it } from 'vitest';
import { readDefinitions } from './registry.ts';
import type { RuleDefinition } from './types.ts';
import { validateRuleDefinition, validateRuleVersions } from './validate.ts';

const basis = { law: 'Testwet', article: '1' };

function minimal(): RuleDefinition {
  return {
    id: 'test-regel',
    title: 'Testregel',
    law: { name: 'Testwet', bwbId: 'BWBR0000001', url: 'https://wetten.overheid.nl/BWBR0000001' },
    validFrom: '2025-01-01',
    inputs: [
      {
        name: 'inkomen',
        type: 'money',
        description: 'Inkomen.',
        source: { kind: 'base-registry', name: 'BRI' },
        legalBasis: basis,
      },
    ],
    parameters: [{ name: 'grens', type: 'money', value: 100, description: 'Grens.', legalBasis: basis }],
    steps: [
      { name: 'verschil', description: 'Verschil.', expression: 'inkomen - grens', legalBasis: basis },
      { name: 'boven', description: 'Boven de grens.', expression: 'verschil > 0', legalBasis: basis },
    ],
    outputs: [{ name: 'boven', type: 'boolean', description: 'Boven.', legalBasis: basis }],
    explanation: { citizen: [{ text: 'Uw inkomen is {{inkomen|euro}}.' }] },
  };
}

function messages(def: unknown) {
  return validateRuleDefinition(def).map((i) => `${i.path}: ${i.message}`);
}

describe('rule definition validation', () => {
  it('accepts every demo definition', () => {
    const { definitions, issues } = readDefinitions();
    expect(issues).toEqual([]);
    expect(definitions.length).toBeGreaterThanOrEqual(5);
    for (const d of definitions) expect(validateRuleDefinition(d.definition, d.file)).toEqual([]);
  });

  it('accepts a minimal definition', () => {
    expect(messages(minimal())).toEqual([]);
  });

  it('lists all schema errors at once, each with its path', () => {
    const def = minimal() as unknown as Record<string, unknown>;
    delete def.title;
    (def.law as Record<string, unknown>).bwbId = 'nope';
    (def.inputs as Record<string, unknown>[])[0].type = 'euro';
    (def.steps as Record<string, unknown>[])[0].colour = 'blue';
    def.validFrom = '2025-13-01';
    const found = messages(def);
    expect(found).toEqual(
      expect.arrayContaining([
        "(root): must have required property 'title'",
        'law.bwbId: must match pattern "^BWBR[0-9]{7}$"',
        expect.stringMatching(/^inputs\[0\]\.type: must be equal to one of the allowed values/),
        'steps[0]: unknown property "colour"',
        'validFrom: must match format "date"',
      ]),
    );
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses unknown references, later steps, FEEL syntax errors and duplicate names together', () => {
    const def = minimal();
    def.steps = [
      { name: 'eerst', description: 'x', expression: 'later + onbekend', legalBasis: basis },
      { name: 'later', description: 'x', expression: 'inkomen * (2', legalBasis: basis },
      { name: 'grens', description: 'x', expression: 'eerst', legalBasis: basis },
      { name: 'boven', description: 'x', expression: 'bestaatNiet(inkomen)', legalBasis: basis },
    ];
    const found = messages(def);
    expect(found).toEqual(
      expect.arrayContaining([
        'steps[0].expression: refers to step "later", which comes later (steps run in order)',
        'steps[0].expression: unknown name "onbekend"',
        expect.stringMatching(/^steps\[1\]\.expression: FEEL syntax error at line 1, column \d+/),
        'steps[2].name: duplicate name "grens" (also parameters[0].name)',
        'steps[3].expression: unknown function "bestaatNiet"',
      ]),
    );
  });

  it('refuses reserved words, FEEL function names and the clock', () => {
    const def = minimal();
    def.parameters.push({ name: 'min', type: 'number', value: 1, description: 'x', legalBasis: basis });
    def.steps.push({ name: 'date', description: 'x', expression: 'today()', legalBasis: basis });
    const found = messages(def);
    expect(found).toContain('parameters[1].name: "min" is the name of a FEEL function');
    expect(found).toContain('steps[2].name: "date" is a reserved word');
    expect(found).toContain(
      "steps[2].expression: uses today(): a rule must use the case's reference date, not the clock",
    );
  });

  it('checks outputs, parameter values, conditions and templates', () => {
    const def = minimal();
    def.outputs.push({ name: 'nergens', type: 'money', description: 'x', legalBasis: basis });
    def.parameters[0].value = 100.555;
    def.inputs[0].requiredWhen = 'boven';
    def.explanation.citizen.push({
      when: 'boven = onbekend',
      text: 'U krijgt {{bedrag|dollar}} en {{broken}',
    });
    const found = messages(def);
    expect(found).toEqual(
      expect.arrayContaining([
        'outputs[1].name: output "nergens" is not a step',
        'parameters[0].value: must be an amount in whole cents (at most 2 decimals)',
        'inputs[0].requiredWhen: may only use inputs and parameters, not step "boven"',
        'explanation.citizen[1].when: unknown name "onbekend"',
        'explanation.citizen[1].text: malformed placeholder: use {{name}} or {{name|format}}',
        expect.stringMatching(/^explanation\.citizen\[1\]\.text: unknown format "dollar"/),
        'explanation.citizen[1].text: placeholder refers to unknown name "bedrag"',
      ]),
    );
  });

  it('requires a legal basis with an article, or a note for practice', () => {
    const def = minimal();
    def.steps[0].legalBasis = { law: 'Testwet' };
    def.steps[1].legalBasis = { law: 'Uitvoeringspraktijk', kind: 'practice' };
    const found = messages(def);
    expect(found).toContain("steps[0].legalBasis: must have required property 'article'");
    expect(found).toContain("steps[1].legalBasis: must have required property 'note'");
  });

  it('refuses overlapping and duplicate versions of one rule', () => {
    const a = { ...minimal(), validFrom: '2024-01-01', validUntil: '2025-03-31' };
    const b = { ...minimal(), validFrom: '2025-01-01' };
    const c = { ...minimal(), validFrom: '2025-01-01' };
    const found = validateRuleVersions([
      { definition: a, file: 'a.yaml' },
      { definition: b, file: 'b.yaml' },
      { definition: c, file: 'c.yaml' },
    ]).map((i) => `${i.file} ${i.message}`);
    expect(found).toEqual([
      'b.yaml overlaps the version from 2024-01-01, which runs until 2025-03-31',
      'c.yaml another version of "test-regel" also starts on 2025-01-01',
    ]);
  });

  it('accepts consecutive versions where the older one is closed or open-ended', () => {
    const a = { ...minimal(), validFrom: '2024-01-01', validUntil: '2024-12-31' };
    const b = { ...minimal(), validFrom: '2025-01-01' };
    const c = { ...minimal(), validFrom: '2026-01-01' };
    expect(validateRuleVersions([{ definition: c }, { definition: a }, { definition: b }])).toEqual([]);
  });
});
