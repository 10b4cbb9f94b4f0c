import { describe, expect, it } from 'vitest';
import { evaluate, prepareRuleVersion } from './engine.ts';
import { RuleDefinitionError, RuleEvaluationError, RuleInputError } from './errors.ts';
import { zorgtoeslagInputs } from './examples.ts';
import { loadRuleRegistry } from './registry.ts';
import type { RuleDefinition, RuleInputs } from './types.ts';

const registry = loadRuleRegistry();
const zorgtoeslag = registry.select('zorgtoeslag', '2025-03-01');
const basis = { law: 'Testwet', article: '1' };

function small(steps: RuleDefinition['steps'], outputs: RuleDefinition['outputs']): RuleDefinition {
  return {
    id: 'klein',
    title: 'Klein',
    law: { name: 'Testwet', bwbId: 'BWBR0000001', url: 'https://wetten.overheid.nl/BWBR0000001' },
    validFrom: '2025-01-01',
    inputs: [
      {
        name: 'x',
        type: 'number',
        description: 'x',
        source: { kind: 'case', name: 'Zaak' },
        legalBasis: basis,
      },
    ],
    parameters: [{ name: 'p', type: 'number', value: 3, description: 'p', legalBasis: basis }],
    steps,
    outputs,
    explanation: { citizen: [{ text: 'x is {{x}}.' }] },
  };
}

const fromCase = (value: unknown) => ({ x: { value, source: { kind: 'case' as const, name: 'Zaak' } } });

describe('evaluation', () => {
  it('keeps the provided facts with their provenance in the result', () => {
    const inputs = zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 19000 });
    const result = evaluate(zorgtoeslag, inputs);
    expect(result.inputs.toetsingsinkomen).toEqual({
      value: 19000,
      source: { kind: 'base-registry', name: 'Basisregistratie Inkomen (Belastingdienst)' },
      factId: 'inkomen-aanvrager',
      factVersion: 1,
    });
    expect(result).toMatchObject({
      ruleVersionId: 'zorgtoeslag@2025-01-01',
      contentHash: zorgtoeslag.contentHash,
      engine: 'compiled',
      sourceDeviations: [],
    });
    expect(result.trace).toBeUndefined();
  });

  it('names every missing or ill-typed input with the type and source it expects', () => {
    const inputs: RuleInputs = zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 19000 });
    delete inputs.toetsingsinkomen;
    inputs.vermogen = { ...inputs.vermogen, value: 100.125 };
    inputs.peildatum = { ...inputs.peildatum, value: '2025-02-30' };
    inputs.toetsingsinkomn = { value: 1, source: { kind: 'applicant', name: 'Aanvrager' } };
    let error: RuleInputError | undefined;
    try {
      evaluate(zorgtoeslag, inputs);
    } catch (e) {
      error = e as RuleInputError;
    }
    expect(error).toBeInstanceOf(RuleInputError);
    expect(error!.problems.map((p) => `${p.kind} ${p.input}`).sort()).toEqual([
      'missing toetsingsinkomen',
      'type peildatum',
      'type vermogen',
      'unknown toetsingsinkomn',
    ]);
    expect(error!.message).toContain(
      'Input "toetsingsinkomen" is missing; expected money from base-registry "Basisregistratie Inkomen (Belastingdienst)" (Algemene wet inkomensafhankelijke regelingen art. 8)',
    );
    expect(error!.message).toContain(
      'Input "vermogen" must be an amount in whole cents (at most 2 decimals), got 100.125',
    );
    expect(error!.message).toContain('Input "peildatum" must be a date as YYYY-MM-DD, got "2025-02-30"');
  });

  it('never defaults a value: null is missing, and a fact without source is refused', () => {
    const inputs = zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 19000 });
    inputs.gedetineerd = { ...inputs.gedetineerd, value: null };
    inputs.verzekerdZvw = { value: true } as unknown as RuleInputs[string];
    expect(() => evaluate(zorgtoeslag, inputs)).toThrow(/Input "gedetineerd" is missing/);
    expect(() => evaluate(zorgtoeslag, inputs)).toThrow(/Input "verzekerdZvw" has no source/);
  });

  it('requires conditional inputs only when their condition holds', () => {
    const single = zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 19000 });
    expect(evaluate(zorgtoeslag, single).outputs.recht).toBe(true);
    const withPartner = zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 19000, partnerInkomen: 5000 });
    delete withPartner.toetsingsinkomenPartner;
    expect(() => evaluate(zorgtoeslag, withPartner)).toThrow(
      'Input "toetsingsinkomenPartner" is missing (required when heeftToeslagpartner)',
    );
  });

  it('reports a fact from another source than the rule expects, without refusing it', () => {
    const inputs = zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 19000 });
    inputs.toetsingsinkomen = { value: 18000, source: { kind: 'applicant', name: 'Aanvrager (opgave)' } };
    const result = evaluate(zorgtoeslag, inputs);
    expect(result.sourceDeviations).toEqual([
      {
        input: 'toetsingsinkomen',
        expected: { kind: 'base-registry', name: 'Basisregistratie Inkomen (Belastingdienst)' },
        actual: { kind: 'applicant', name: 'Aanvrager (opgave)' },
      },
    ]);
  });

  it('traces every step with its value, the parameters it used and its legal basis', () => {
    const result = evaluate(zorgtoeslag, zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 30000 }), {
      trace: true,
    });
    const trace = result.trace!;
    expect(trace.map((t) => t.step)).toEqual(zorgtoeslag.definition.steps.map((s) => s.name));
    const normpremie = trace.find((t) => t.step === 'normpremie')!;
    expect(normpremie).toMatchObject({
      value: 756.96,
      isOutput: true,
      inputs: ['heeftToeslagpartner'],
      steps: ['drempelinkomen', 'gezamenlijkInkomen'],
      legalBasis: { law: 'Wet op de zorgtoeslag', article: '2', paragraph: '2 en 3' },
    });
    expect(normpremie.parameters.map((p) => [p.name, p.value])).toEqual([
      ['percentageDrempelPartner', 0.04273],
      ['percentageDrempelAlleenstaand', 0.01896],
      ['percentageBovenDrempel', 0.137],
    ]);
    expect(normpremie.parameters[0].legalBasis.article).toBe('2');
    expect(trace.find((t) => t.step === 'maandenSindsGeboorte')).toMatchObject({
      inputs: ['peildatum', 'geboortedatum'],
    });
  });

  it('gives the same outcome in interpreted mode as compiled', () => {
    const inputs = zorgtoeslagInputs({
      peildatum: '2025-03-01',
      inkomen: 7000,
      partnerInkomen: 26200,
      partnerVerzekerd: false,
    });
    const compiled = evaluate(zorgtoeslag, inputs, { trace: true });
    const interpreted = evaluate(zorgtoeslag, inputs, { trace: true, engine: 'interpreted' });
    expect(interpreted.engine).toBe('interpreted');
    expect(interpreted.outputs).toEqual(compiled.outputs);
    expect(interpreted.trace).toEqual(compiled.trace);
  });

  it('refuses an output that is null or an unrounded amount, naming the step', () => {
    const nullOutput = prepareRuleVersion(
      small(
        [{ name: 'y', description: 'y', expression: 'x + null', legalBasis: basis }],
        [{ name: 'y', type: 'number', description: 'y', legalBasis: basis }],
      ),
    );
    expect(() => evaluate(nullOutput, fromCase(1))).toThrow(RuleEvaluationError);
    expect(() => evaluate(nullOutput, fromCase(1))).toThrow(
      'klein@2025-01-01, step "y": produced no value (null): ',
    );

    const unrounded = prepareRuleVersion(
      small(
        [{ name: 'bedrag', description: 'b', expression: 'x / p', legalBasis: basis }],
        [{ name: 'bedrag', type: 'money', description: 'b', legalBasis: basis }],
      ),
    );
    expect(evaluate(unrounded, fromCase(3)).outputs.bedrag).toBe(1);
    expect(() => evaluate(unrounded, fromCase(1))).toThrow(
      'must be an amount in whole cents (at most 2 decimals)',
    );
  });

  it('refuses to prepare an invalid definition and lists its issues', () => {
    const broken = small(
      [{ name: 'y', description: 'y', expression: 'x + q', legalBasis: basis }],
      [{ name: 'z', type: 'number', description: 'z', legalBasis: basis }],
    );
    expect(() => prepareRuleVersion(broken)).toThrow(RuleDefinitionError);
    expect(() => prepareRuleVersion(broken)).toThrow(/unknown name "q"[\s\S]*output "z" is not a step/);
  });

  it('identifies a version by a hash of its content', () => {
    const a = prepareRuleVersion(
      small(
        [{ name: 'y', description: 'y', expression: 'x * p', legalBasis: basis }],
        [{ name: 'y', type: 'number', description: 'y', legalBasis: basis }],
      ),
    );
    const b = prepareRuleVersion(
      small(
        [{ name: 'y', description: 'y', expression: 'x * p + 0', legalBasis: basis }],
        [{ name: 'y', type: 'number', description: 'y', legalBasis: basis }],
      ),
    );
    expect(a.id).toBe(b.id);
    expect(a.contentHash).not.toBe(b.contentHash);
    expect(Object.isFrozen(a.definition.steps[0])).toBe(true);
  });
});
