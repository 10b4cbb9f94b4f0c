import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NoValidVersionError, RuleDefinitionError, RulesError, UnknownRuleError } from './errors.ts';
import { DEFAULT_DEFINITIONS_DIR, loadRuleRegistry } from './registry.ts';

const registry = loadRuleRegistry();

describe('rule registry', () => {
  it('loads every demo rule, each version compiled', () => {
    expect(registry.ruleIds()).toEqual([
      'huwelijk-melding-voorgenomen',
      'kwijtschelding-gemeentelijke-belastingen',
      'zorgtoeslag',
    ]);
    expect(registry.versions('zorgtoeslag').map((v) => v.id)).toEqual([
      'zorgtoeslag@2024-01-01',
      'zorgtoeslag@2025-01-01',
    ]);
    expect(Object.values(registry.select('zorgtoeslag', '2025-06-01').execution)).not.toContain(
      'interpreted',
    );
  });

  it('selects the version valid on the case reference date, not today', () => {
    expect(registry.select('zorgtoeslag', '2024-12-31').id).toBe('zorgtoeslag@2024-01-01');
    expect(registry.select('zorgtoeslag', '2025-01-01').id).toBe('zorgtoeslag@2025-01-01');
    const k = 'kwijtschelding-gemeentelijke-belastingen';
    expect(registry.select(k, '2025-06-30').id).toBe(`${k}@2025-01-01`);
    expect(registry.select(k, '2025-07-01').id).toBe(`${k}@2025-07-01`);
    expect(registry.select('huwelijk-melding-voorgenomen', '2031-05-05').validFrom).toBe('2015-12-05');
  });

  it('says so when no version applies on the reference date', () => {
    expect(() => registry.select('zorgtoeslag', '2023-12-31')).toThrow(NoValidVersionError);
    expect(() => registry.select('zorgtoeslag', '2026-01-01')).toThrow(
      'Rule "zorgtoeslag" has no version valid on 2026-01-01; versions: 2024-01-01 to 2024-12-31, 2025-01-01 to 2025-12-31',
    );
    expect(() => registry.select('parkeervergunning', '2025-01-01')).toThrow(UnknownRuleError);
  });

  it('requires a reference date as YYYY-MM-DD', () => {
    expect(() => registry.select('zorgtoeslag', '1-1-2025')).toThrow(RulesError);
    expect(() => registry.select('zorgtoeslag', undefined as unknown as string)).toThrow(/reference date/);
  });

  it('finds a version by the id a decision stored', () => {
    expect(registry.version('zorgtoeslag@2024-01-01').validUntil).toBe('2024-12-31');
    expect(registry.version('zorgtoeslag@2024-01-01').contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('loading a definitions folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the whole set with every issue of every file, named by file', () => {
    const zorg = readFileSync(join(DEFAULT_DEFINITIONS_DIR, 'zorgtoeslag', '2025-01-01.yaml'), 'utf8');
    mkdirSync(join(dir, 'zorgtoeslag'));
    mkdirSync(join(dir, 'verkeerd'));
    // Same content under a wrong file name, one with a broken step, one that is not YAML.
    writeFileSync(join(dir, 'zorgtoeslag', '2025-02-01.yaml'), zorg);
    writeFileSync(
      join(dir, 'zorgtoeslag', '2025-01-01.yaml'),
      zorg.replace('expression: vermogen > vermogensgrens', 'expression: vermogen > vermogensgrns'),
    );
    writeFileSync(join(dir, 'verkeerd', '2025-01-01.yaml'), 'id: [unclosed\n');
    let error: RuleDefinitionError | undefined;
    try {
      loadRuleRegistry(dir);
    } catch (e) {
      error = e as RuleDefinitionError;
    }
    expect(error).toBeInstanceOf(RuleDefinitionError);
    const found = error!.issues.map((i) => `${i.file} ${i.path}: ${i.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'zorgtoeslag/2025-02-01.yaml validFrom: must match the file name "2025-02-01"',
        'zorgtoeslag/2025-01-01.yaml steps[11].expression: unknown name "vermogensgrns"',
        expect.stringMatching(/^verkeerd\/2025-01-01\.yaml \(yaml\): /),
      ]),
    );
  });
});
