/**
 * Explanations of an evaluation: for the citizen from the rule's own B1 templates (the only place a
 * rule's citizen text lives), for the professional generated from the trace — every step with its
 * value, formula, parameters and article — below the rule's professional summary.
 */

import { programOf, slotsFromResult } from './engine.ts';
import { type CompiledFn, compileExpression, type Slots } from './feel/compile.ts';
import { FORMATS, formatDefault, renderTemplate } from './template.ts';
import type { EvaluationResult, LegalBasis, RuleVersion, TemplateBlock, ValueType } from './types.ts';
import { toFeelValue } from './values.ts';

export interface Explanation {
  paragraphs: string[];
  text: string;
}

interface CompiledBlock {
  when: CompiledFn | null;
  text: string;
}

const compiledTemplates = new WeakMap<
  RuleVersion,
  { citizen: CompiledBlock[]; professional: CompiledBlock[] }
>();

function templatesOf(version: RuleVersion) {
  let t = compiledTemplates.get(version);
  if (!t) {
    const env = programOf(version).env;
    const compile = (blocks: readonly TemplateBlock[] = []) =>
      blocks.map((b) => ({ when: b.when ? compileExpression(b.when, env).fn : null, text: b.text }));
    t = {
      citizen: compile(version.definition.explanation.citizen),
      professional: compile(version.definition.explanation.professional),
    };
    compiledTemplates.set(version, t);
  }
  return t;
}

function render(version: RuleVersion, blocks: CompiledBlock[], slots: Slots): string[] {
  const env = programOf(version).env;
  const lookup = (name: string) => {
    const slot = env.slots.get(name);
    return slot === undefined ? null : slots[slot];
  };
  return blocks
    .filter((b) => !b.when || b.when(slots, undefined) === true)
    .map((b) => renderTemplate(b.text, lookup));
}

/** The citizen's explanation (Dutch, B1), from the rule's templates. Needs a result with trace. */
export function explainForCitizen(version: RuleVersion, result: EvaluationResult): Explanation {
  const paragraphs = render(version, templatesOf(version).citizen, slotsFromResult(version, result));
  return { paragraphs, text: paragraphs.join('\n') };
}

/** Dutch labels of the generated professional account, kept in one place. */
const LABELS = {
  version: 'Regelversie',
  validFrom: 'geldig vanaf',
  until: 't/m',
  hash: 'inhoud',
  inputs: 'Invoer',
  source: 'bron',
  expectedSource: 'verwachte bron',
  fact: 'gegeven',
  factVersion: 'versie',
  notProvided: 'niet opgegeven (niet nodig in deze situatie)',
  basis: 'grondslag',
  steps: 'Berekening',
  formula: 'formule',
  parameters: 'parameters',
  outputs: 'Uitkomst',
  practice: 'uitvoeringspraktijk, geen wettelijke grondslag gevonden',
  policy: 'beleidsregel',
} as const;

export function formatLegalBasis(basis: LegalBasis): string {
  let s = basis.law;
  if (basis.article) s += ` art. ${basis.article}`;
  if (basis.paragraph) s += ` lid ${basis.paragraph}`;
  if (basis.kind === 'practice') s += ` (${LABELS.practice})`;
  if (basis.kind === 'policy') s += ` (${LABELS.policy})`;
  if (basis.note) s += ` — ${basis.note}`;
  return s;
}

function formatTyped(type: ValueType | undefined, value: unknown, unit?: string): string {
  if (value === null || value === undefined) return '(leeg)';
  if (unit === 'fractie') return FORMATS.procent(value);
  if (type === 'money') return FORMATS.euro2(value);
  if (type === 'date') return FORMATS.datum(value);
  return formatDefault(value);
}

/** The professional's account: summary, versions, inputs with provenance, every step, outputs. */
export function explainForProfessional(version: RuleVersion, result: EvaluationResult): Explanation {
  const def = version.definition;
  const slots = slotsFromResult(version, result);
  const lines: string[] = [];
  lines.push(...render(version, templatesOf(version).professional, slots));
  lines.push(
    `${LABELS.version}: ${def.title} (${version.id}), ${LABELS.validFrom} ${FORMATS.datum(version.validFrom)}` +
      (version.validUntil ? ` ${LABELS.until} ${FORMATS.datum(version.validUntil)}` : '') +
      `; ${LABELS.hash} ${version.contentHash.slice(0, 12)}.`,
  );

  lines.push(`${LABELS.inputs}:`);
  for (const input of def.inputs) {
    const provided = result.inputs[input.name];
    if (!provided || provided.value === null || provided.value === undefined) {
      lines.push(`- ${input.name}: ${LABELS.notProvided}.`);
      continue;
    }
    const src = provided.source;
    const deviates = src.kind !== input.source.kind || src.name !== input.source.name;
    const fact = provided.factId
      ? `, ${LABELS.fact} ${provided.factId}${provided.factVersion !== undefined ? ` ${LABELS.factVersion} ${provided.factVersion}` : ''}`
      : '';
    lines.push(
      `- ${input.name} = ${formatTyped(input.type, toFeelValue(input.type, provided.value), input.unit)} ` +
        `(${LABELS.source}: ${src.name} [${src.kind}]${fact}` +
        (deviates ? `; ${LABELS.expectedSource}: ${input.source.name} [${input.source.kind}]` : '') +
        `; ${LABELS.basis}: ${formatLegalBasis(input.legalBasis)}).`,
    );
  }

  lines.push(`${LABELS.steps}:`);
  const stepDefs = new Map(def.steps.map((s) => [s.name, s]));
  const outputDefs = new Map(def.outputs.map((o) => [o.name, o]));
  (result.trace ?? []).forEach((t, i) => {
    const type = outputDefs.get(t.step)?.type ?? stepDefs.get(t.step)?.type;
    lines.push(`${i + 1}. ${t.step} = ${formatTyped(type, t.value)} — ${t.description}`);
    lines.push(`   ${LABELS.formula}: ${t.expression.replace(/\s+/g, ' ').trim()}`);
    if (t.parameters.length > 0) {
      const params = t.parameters.map((p) => {
        const pdef = def.parameters.find((d) => d.name === p.name);
        return `${p.name} = ${formatTyped(pdef?.type, p.value, p.unit)} (${formatLegalBasis(p.legalBasis)})`;
      });
      lines.push(`   ${LABELS.parameters}: ${params.join('; ')}`);
    }
    lines.push(`   ${LABELS.basis}: ${formatLegalBasis(t.legalBasis)}`);
  });

  lines.push(`${LABELS.outputs}:`);
  for (const o of def.outputs) {
    lines.push(
      `- ${o.name} = ${formatTyped(o.type, result.outputs[o.name])} (${formatLegalBasis(o.legalBasis)})`,
    );
  }
  return { paragraphs: lines, text: lines.join('\n') };
}
