import { type Decision, decide, finalize, SYSTEM } from '../decisions/index.ts';
import { startConsequence } from '../facts/consequences.ts';
import { asRuleInput, type Fact, recordFact } from '../facts/store.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { kwijtscheldingInputs } from '../rules/examples.ts';
import type { RuleInput, RuleRegistry } from '../rules/index.ts';
import { DEMO_BSN } from './people.ts';

/** The wrong label of the story: a recovery marked as "suspected fraud" by the benefits organisation. */
export const STORY_MARKER = {
  legalBasis: 'Awir art. 41 (terugvordering)',
  team: 'Team Terugvorderingen',
  author: 'medewerker t.visser',
  reason: 'Vermoeden opzet of grove schuld bij de aanvraag kinderopvangtoeslag',
  expiresOn: '2030-01-01',
  retentionUntil: '2037-01-01',
  contact: 'Dienst Toeslagen, 0800-0543',
};

export interface CorrectionStory {
  fact: Fact;
  /** The municipality's remission decisions that read the wrong fact. */
  affected: Decision[];
  /** A neighbour's remission decision that read a fact of their own (must never be touched). */
  unrelated: Decision;
}

/**
 * The acceptance story of the correction loop, as demo data and as the starting point of its test:
 * Dienst Toeslagen marks Esther Jansen's recovery as suspected fraud; Gemeente Voorbeeldstad decides on
 * her remission of local taxes twice using that recovery; the collection office sends reminders.
 */
export async function seedCorrectionStory(trx: Trx, registry: RuleRegistry): Promise<CorrectionStory> {
  const fact = await recordFact(trx, {
    organisationId: 'toeslagen',
    subject: { kind: 'bsn', id: DEMO_BSN.esther },
    attribute: 'terugvordering kinderopvangtoeslag per maand',
    value: 400,
    source: { kind: 'organisation', name: 'Dienst Toeslagen' },
    legalBasis: 'Awir art. 26',
    validFrom: '2024-01-01',
    validUntil: null,
    marker: STORY_MARKER,
  });
  const remission = async (bsn: string, referenceDate: string, recovery: RuleInput) => {
    const d = await decide(trx, registry, {
      ruleId: 'kwijtschelding-gemeentelijke-belastingen',
      referenceDate,
      inputs: {
        ...kwijtscheldingInputs({
          nettoInkomenPerMaand: 2_000,
          teBetalenBelasting: 450,
          nettoWoonlastenPerMaand: 700,
        }),
        aflossingTerugvorderingToeslagenPerMaand: recovery,
      },
      organisationId: 'voorbeeldstad',
      subjectBsn: bsn,
      actor: SYSTEM,
    });
    return d.status === 'draft' ? finalize(trx, d.id, 'voorbeeldstad', 'm.jansen') : d;
  };
  const affected = [
    await remission(DEMO_BSN.esther, '2025-03-01', asRuleInput(fact)),
    await remission(DEMO_BSN.esther, '2025-09-01', asRuleInput(fact)),
  ];
  const unrelated = await remission(DEMO_BSN.jeroen, '2025-03-01', {
    value: 0,
    source: { kind: 'organisation', name: 'Dienst Toeslagen' },
    factId: '00000000-0000-4000-8000-00000000a001',
    factVersion: 1,
  });
  await startConsequence(trx, {
    organisationId: 'incasso',
    subjectId: DEMO_BSN.esther,
    kind: 'aanmaning',
    description: 'Aanmaningen voor de terugvordering kinderopvangtoeslag',
    factId: fact.id,
    factVersion: fact.version,
  });
  return { fact, affected, unrelated };
}
