/**
 * The rule registry: every version of every rule, loaded from definitions/<rule-id>/<valid-from>.yaml,
 * validated as a whole (all issues of all files in one error) and compiled once.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { prepareRuleVersion } from './engine.ts';
import { NoValidVersionError, RuleDefinitionError, RulesError, UnknownRuleError } from './errors.ts';
import type { RuleDefinition, RuleVersion, ValidationIssue } from './types.ts';
import { validateRuleDefinition, validateRuleVersions } from './validate.ts';
import { isValidIsoDate } from './values.ts';

export const DEFAULT_DEFINITIONS_DIR = fileURLToPath(new URL('./definitions/', import.meta.url));

export interface SourcedDefinition {
  definition: RuleDefinition;
  file?: string;
}

export class RuleRegistry {
  private readonly byRule: Map<string, RuleVersion[]>;
  private readonly byId: Map<string, RuleVersion>;

  private constructor(versions: RuleVersion[]) {
    this.byRule = new Map();
    this.byId = new Map();
    for (const v of [...versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))) {
      const list = this.byRule.get(v.ruleId) ?? [];
      list.push(v);
      this.byRule.set(v.ruleId, list);
      this.byId.set(v.id, v);
    }
  }

  /** Builds a registry from definitions; throws RuleDefinitionError with every issue found. */
  static fromDefinitions(definitions: (RuleDefinition | SourcedDefinition)[]): RuleRegistry {
    const sourced = definitions.map((d) => ('definition' in d ? d : { definition: d }));
    const issues: ValidationIssue[] = [];
    for (const s of sourced) issues.push(...validateRuleDefinition(s.definition, s.file));
    const groups = new Map<string, SourcedDefinition[]>();
    for (const s of sourced) {
      const id = typeof s.definition?.id === 'string' ? s.definition.id : '';
      groups.set(id, [...(groups.get(id) ?? []), s]);
    }
    for (const group of groups.values()) issues.push(...validateRuleVersions(group));
    if (issues.length > 0) throw new RuleDefinitionError(issues);
    return new RuleRegistry(sourced.map((s) => prepareRuleVersion(s.definition, s.file)));
  }

  ruleIds(): string[] {
    return [...this.byRule.keys()].sort();
  }

  versions(ruleId: string): readonly RuleVersion[] {
    const list = this.byRule.get(ruleId);
    if (!list) throw new UnknownRuleError(ruleId);
    return list;
  }

  /** A version by its id (`rule@validFrom`), e.g. the one a stored decision names. */
  version(versionId: string): RuleVersion {
    const v = this.byId.get(versionId);
    if (!v) throw new UnknownRuleError(versionId);
    return v;
  }

  /**
   * The version valid on the case's reference date (YYYY-MM-DD). There is deliberately no default:
   * "today" would make an old case silently use today's law.
   */
  select(ruleId: string, referenceDate: string): RuleVersion {
    if (typeof referenceDate !== 'string' || !isValidIsoDate(referenceDate)) {
      throw new RulesError(`select("${ruleId}") needs the case's reference date as YYYY-MM-DD`);
    }
    const list = this.versions(ruleId);
    let found: RuleVersion | undefined;
    for (const v of list) if (v.validFrom <= referenceDate) found = v;
    if (!found || (found.validUntil !== null && referenceDate > found.validUntil)) {
      throw new NoValidVersionError(
        ruleId,
        referenceDate,
        list.map((v) => ({ validFrom: v.validFrom, validUntil: v.validUntil })),
      );
    }
    return found;
  }
}

/** Reads the YAML definitions under a directory laid out as <rule-id>/<valid-from>.yaml. */
export function readDefinitions(dir: string = DEFAULT_DEFINITIONS_DIR): {
  definitions: SourcedDefinition[];
  issues: ValidationIssue[];
} {
  const definitions: SourcedDefinition[] = [];
  const issues: ValidationIssue[] = [];
  for (const ruleDir of readdirSync(dir).sort()) {
    const ruleDirPath = join(dir, ruleDir);
    if (!statSync(ruleDirPath).isDirectory()) continue;
    for (const fileName of readdirSync(ruleDirPath).sort()) {
      if (!fileName.endsWith('.yaml') && !fileName.endsWith('.yml')) continue;
      const file = `${ruleDir}/${fileName}`;
      let definition: RuleDefinition;
      try {
        definition = parseYaml(readFileSync(join(ruleDirPath, fileName), 'utf8')) as RuleDefinition;
      } catch (err) {
        issues.push({ file, path: '(yaml)', message: (err as Error).message.split('\n')[0] });
        continue;
      }
      if (definition?.id !== ruleDir) {
        issues.push({ file, path: 'id', message: `must match its folder name "${ruleDir}"` });
      }
      const stem = basename(fileName).replace(/\.ya?ml$/, '');
      if (definition?.validFrom !== stem) {
        issues.push({ file, path: 'validFrom', message: `must match the file name "${stem}"` });
      }
      definitions.push({ definition, file });
    }
  }
  return { definitions, issues };
}

/** Loads, validates and compiles all definitions; throws RuleDefinitionError listing every issue. */
export function loadRuleRegistry(dir: string = DEFAULT_DEFINITIONS_DIR): RuleRegistry {
  const { definitions, issues } = readDefinitions(dir);
  if (issues.length > 0) {
    // Report layout problems together with the content problems of the same files.
    const content = definitions.flatMap((d) => validateRuleDefinition(d.definition, d.file));
    throw new RuleDefinitionError([...issues, ...content]);
  }
  return RuleRegistry.fromDefinitions(definitions);
}
