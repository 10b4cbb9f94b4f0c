import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from './plan-definition.schema.json' with { type: 'json' };
import {
  InvalidPlanDefinition,
  parsePlanDefinition,
  requireValidPlan,
  validatePlanDefinition,
} from './validate.ts';

const base = {
  id: 'huwelijk',
  version: 1,
  zaaktype: 'HUWELIJK',
  name: 'Huwelijk',
  team: 'burgerzaken',
};
const t = (id: string, more: object = {}) => ({
  kind: 'task',
  id,
  name: `Taak ${id}`,
  assignee: { kind: 'team', team: 'burgerzaken' },
  ...more,
});

function errorsOf(doc: unknown) {
  const result = validatePlanDefinition(doc);
  if (result.valid) throw new Error('expected the plan to be invalid');
  return result.errors;
}

describe('validatePlanDefinition', () => {
  it('accepts a valid plan and returns it frozen', () => {
    const result = validatePlanDefinition({
      ...base,
      items: [t('a'), t('b', { entry: [{ on: [{ item: 'a', event: 'complete' }] }] })],
    });
    expect(result.valid).toBe(true);
    if (result.valid) {
      expect(Object.isFrozen(result.plan)).toBe(true);
      expect(Object.isFrozen(result.plan.items[1])).toBe(true);
    }
  });

  it('lists every error of the shape at once, with a path and a Dutch reason', () => {
    const errors = errorsOf({
      id: 'Huwelijk',
      version: 0,
      name: '',
      team: 'burgerzaken',
      items: [
        t('a', { due: { weeks: 2 }, kleur: 'rood' }),
        t('b', { assignee: { kind: 'citizen', task: 'upload-document' } }),
        { kind: 'wachtrij', id: 'c', name: 'C' },
        t('d', { assignee: { kind: 'robot' } }),
      ],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '/zaaktype', reason: 'verplicht veld "zaaktype" ontbreekt' },
        { path: '/id', reason: 'alleen kleine letters, cijfers en "-", beginnend met een letter' },
        { path: '/version', reason: 'moet minstens 1 zijn' },
        { path: '/name', reason: 'mag niet leeg zijn' },
        { path: '/items/0/due', reason: expect.stringContaining('days') },
        { path: '/items/0/kleur', reason: 'onbekend veld "kleur"' },
        { path: '/items/1/assignee/documentType', reason: 'verplicht veld "documentType" ontbreekt' },
        { path: '/items/2/kind', reason: 'onbekende soort "wachtrij"' },
        { path: '/items/3/assignee/kind', reason: 'onbekende soort "robot"' },
      ]),
    );
    expect(errors).toHaveLength(9);
  });

  it('lists semantic errors: duplicates, unknown references, wrong events, FEEL syntax', () => {
    const errors = errorsOf({
      ...base,
      items: [
        t('a'),
        t('a'),
        t('plan'),
        t('b', { entry: [{ on: [{ item: 'bestaat-niet', event: 'complete' }] }] }),
        { kind: 'milestone', id: 'm', name: 'M', entry: [{ on: [{ item: 'b', event: 'occur' }] }] },
        t('c', { entry: [{ if: 'documents.received >= ' }], exit: [{ if: 'klaar = = true and (' }] }),
        t('d', { repeat: { if: 'x >' } }),
      ],
    });
    expect(errors).toEqual([
      { path: '/items/1/id', reason: 'id "a" komt al voor (/items/0)' },
      { path: '/items/2/id', reason: '"plan" is gereserveerd' },
      { path: '/items/3/entry/0/on/0/item', reason: 'onbekend onderdeel "bestaat-niet"' },
      {
        path: '/items/4/entry/0/on/0/event',
        reason: '"occur" kan niet bij een task; kies uit start, complete, terminate',
      },
      { path: '/items/5/entry/0/if', reason: expect.stringMatching(/^FEEL-fout op positie 22: /) },
      { path: '/items/5/exit/0/if', reason: expect.stringMatching(/^FEEL-fout/) },
      { path: '/items/6/repeat/if', reason: expect.stringMatching(/^FEEL-fout/) },
    ]);
  });

  it('finds cycles in stage nesting and references to a stage that is not one', () => {
    const errors = errorsOf({
      ...base,
      items: [
        { kind: 'stage', id: 's1', name: 'S1', stage: 's3' },
        { kind: 'stage', id: 's2', name: 'S2', stage: 's1' },
        { kind: 'stage', id: 's3', name: 'S3', stage: 's2' },
        t('x', { stage: 'x-taak' }),
        t('x-taak'),
        t('y', { stage: 'a' }),
        t('a', { stage: 'onbekend' }),
      ],
    });
    expect(errors).toEqual([
      { path: '/items/3/stage', reason: '"x-taak" is geen fase (stage)' },
      { path: '/items/5/stage', reason: '"a" is geen fase (stage)' },
      { path: '/items/6/stage', reason: 'onbekende fase "onbekend"' },
      { path: '/items/0/stage', reason: 'fasen zitten in elkaar in een kring: s1 → s3 → s2 → s1' },
    ]);
  });

  it('rejects sentries that can never fire or would repeat endlessly', () => {
    const errors = errorsOf({
      ...base,
      items: [
        { kind: 'stage', id: 'fase', name: 'Fase', entry: [{ on: [{ item: 'binnen', event: 'complete' }] }] },
        t('binnen', { stage: 'fase' }),
        t('lus', { repeat: true, entry: [{ if: 'x > 1' }] }),
        { kind: 'milestone', id: 'm', name: 'M', repeat: true },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      '/items/0/entry/0/on/0/item',
      '/items/2/entry/0',
      '/items/3/repeat',
    ]);
  });

  it('checks that conditions read only declared case data', () => {
    const errors = errorsOf({
      ...base,
      variables: ['partners', 'documents'],
      items: [
        t('a', {
          entry: [{ if: 'partnres.aantal = 2 and documents.received > 1 and count(x[item > 1]) > 0' }],
        }),
      ],
    });
    expect(errors).toEqual([
      { path: '/variables/1', reason: '"documents" is gereserveerd voor wat het plan zelf bijhoudt' },
      { path: '/items/0/entry/0/if', reason: 'leest "partnres", maar dat staat niet in "variables"' },
      { path: '/items/0/entry/0/if', reason: 'leest "x", maar dat staat niet in "variables"' },
    ]);
  });

  it('reads YAML and reports a YAML syntax error as an error', () => {
    expect(parsePlanDefinition('id: [unclosed')).toEqual({
      valid: false,
      errors: [{ path: '', reason: expect.stringContaining('geen geldige YAML') }],
    });
    const ok = parsePlanDefinition(
      'id: x\nversion: 1\nzaaktype: X\nname: X\nteam: t\nitems:\n  - { kind: milestone, id: m, name: M }\n',
    );
    expect(ok.valid).toBe(true);
  });

  it('installs nothing of an invalid plan: requireValidPlan throws with every error', () => {
    const attempt = () => requireValidPlan({ ...base, version: 0, items: [t('a'), t('a')] });
    expect(attempt).toThrow(InvalidPlanDefinition);
    try {
      attempt();
    } catch (err) {
      expect((err as InvalidPlanDefinition).errors).toHaveLength(2);
    }
  });

  it('does not choke on input that is not a plan at all', () => {
    expect(errorsOf(null)).toEqual([{ path: '', reason: 'moet een object zijn' }]);
    expect(errorsOf({ items: 'x' }).length).toBeGreaterThan(3);
  });
});

describe('the published JSON Schema', () => {
  it('is a valid draft 2020-12 schema on its own', () => {
    const ajv = new Ajv2020({ discriminator: true, strictRequired: false });
    expect(() => ajv.compile(schema)).not.toThrow();
  });
});
