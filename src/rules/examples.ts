/**
 * Example inputs for the demo rules, with the provenance the rules expect, and a seeded generator of
 * many zorgtoeslag cases. Used by tests, the benchmark and (later) the demo data.
 */
import type { RuleInput, RuleInputs, SourceKind } from './types.ts';

function fact<T>(value: T, kind: SourceKind, name: string, factId?: string): RuleInput<T> {
  return factId
    ? { value, source: { kind, name }, factId, factVersion: 1 }
    : { value, source: { kind, name } };
}

const BRP = 'BRP';
const BRI = 'Basisregistratie Inkomen (Belastingdienst)';
const VECOZO = 'Zorgverzekeraars (Vecozo)';

export interface ZorgtoeslagCase {
  peildatum: string;
  inkomen: number;
  geboortedatum?: string;
  partnerInkomen?: number;
  partnerVerzekerd?: boolean;
  vermogen?: number;
  verzekerd?: boolean;
  gedetineerd?: boolean;
  rechtmatigVerblijf?: boolean;
}

export function zorgtoeslagInputs(c: ZorgtoeslagCase): RuleInputs {
  const partner = c.partnerInkomen !== undefined;
  const inputs: RuleInputs = {
    geboortedatum: fact(c.geboortedatum ?? '1990-05-01', 'base-registry', BRP),
    peildatum: fact(c.peildatum, 'case', 'Aanvraag zorgtoeslag'),
    verzekerdZvw: fact(c.verzekerd ?? true, 'organisation', VECOZO),
    gedetineerd: fact(c.gedetineerd ?? false, 'organisation', 'Dienst Justitiële Inrichtingen'),
    rechtmatigVerblijf: fact(c.rechtmatigVerblijf ?? true, 'base-registry', BRP),
    heeftToeslagpartner: fact(partner, 'organisation', 'Dienst Toeslagen'),
    toetsingsinkomen: fact(c.inkomen, 'base-registry', BRI, 'inkomen-aanvrager'),
    vermogen: fact(c.vermogen ?? 0, 'organisation', 'Belastingdienst'),
  };
  if (partner) {
    inputs.toetsingsinkomenPartner = fact(c.partnerInkomen, 'base-registry', BRI, 'inkomen-partner');
    inputs.toeslagpartnerIsVerzekerde = fact(c.partnerVerzekerd ?? true, 'organisation', VECOZO);
  }
  return inputs;
}

export interface KwijtscheldingCase {
  nettoInkomenPerMaand: number;
  teBetalenBelasting: number;
  heeftEchtgenoot?: boolean;
  pensioengerechtigd?: boolean;
  nettoWoonlastenPerMaand?: number;
  zorgkostenPerMaand?: number;
  aflossingTerugvorderingToeslagenPerMaand?: number;
  financieleMiddelen?: number;
  overigVermogen?: number;
}

export function kwijtscheldingInputs(c: KwijtscheldingCase): RuleInputs {
  const gemeente = 'Gemeente (aanvraag kwijtschelding)';
  const aanvrager = 'Aanvrager (met bewijsstukken)';
  return {
    heeftEchtgenoot: fact(c.heeftEchtgenoot ?? false, 'case', gemeente),
    pensioengerechtigd: fact(c.pensioengerechtigd ?? false, 'base-registry', BRP),
    nettoInkomenPerMaand: fact(c.nettoInkomenPerMaand, 'applicant', aanvrager),
    nettoWoonlastenPerMaand: fact(c.nettoWoonlastenPerMaand ?? 0, 'case', gemeente),
    zorgkostenPerMaand: fact(c.zorgkostenPerMaand ?? 0, 'case', gemeente),
    aflossingTerugvorderingToeslagenPerMaand: {
      ...fact(c.aflossingTerugvorderingToeslagenPerMaand ?? 0, 'organisation', 'Dienst Toeslagen'),
      factId: 'terugvordering-toeslagen',
      factVersion: 1,
    },
    financieleMiddelen: fact(c.financieleMiddelen ?? 0, 'applicant', aanvrager),
    overigVermogen: fact(c.overigVermogen ?? 0, 'applicant', aanvrager),
    teBetalenBelasting: fact(c.teBetalenBelasting, 'organisation', 'Gemeente (heffing en invordering)'),
  };
}

export interface HuwelijkCase {
  huwelijksdatum: string;
  geboortedatumPartner1: string;
  geboortedatumPartner2: string;
  partner1AlGebonden?: boolean;
  partner2AlGebonden?: boolean;
  partner1OnderCuratele?: boolean;
  partner2OnderCuratele?: boolean;
  partner1ToestemmingCurator?: boolean;
  partner2ToestemmingCurator?: boolean;
  bloedverwantenInRechteLijn?: boolean;
  broersOfZussen?: boolean;
}

export function huwelijkInputs(c: HuwelijkCase): RuleInputs {
  const inputs: RuleInputs = {
    huwelijksdatum: fact(c.huwelijksdatum, 'case', 'Melding voorgenomen huwelijk'),
    geboortedatumPartner1: fact(c.geboortedatumPartner1, 'base-registry', BRP),
    geboortedatumPartner2: fact(c.geboortedatumPartner2, 'base-registry', BRP),
    partner1AlGebonden: fact(c.partner1AlGebonden ?? false, 'base-registry', BRP),
    partner2AlGebonden: fact(c.partner2AlGebonden ?? false, 'base-registry', BRP),
    partner1OnderCuratele: fact(c.partner1OnderCuratele ?? false, 'base-registry', BRP),
    partner2OnderCuratele: fact(c.partner2OnderCuratele ?? false, 'base-registry', BRP),
    bloedverwantenInRechteLijn: fact(c.bloedverwantenInRechteLijn ?? false, 'base-registry', BRP),
    broersOfZussen: fact(c.broersOfZussen ?? false, 'base-registry', BRP),
  };
  const akte = 'Aanstaande echtgenoten (akte van toestemming)';
  if (c.partner1ToestemmingCurator !== undefined) {
    inputs.partner1ToestemmingCurator = fact(c.partner1ToestemmingCurator, 'applicant', akte);
  }
  if (c.partner2ToestemmingCurator !== undefined) {
    inputs.partner2ToestemmingCurator = fact(c.partner2ToestemmingCurator, 'applicant', akte);
  }
  return inputs;
}

/** Small fast seeded PRNG (mulberry32), so generated cases are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Zorgtoeslag cases covering every branch: incomes around the threshold and the ceiling (in cents),
 * partners (insured or not), high assets, minors, uninsured, detained, unlawful residence.
 */
export function generateZorgtoeslagInputs(count: number, seed = 2025, year = 2025): RuleInputs[] {
  const rnd = seededRandom(seed);
  const cents = (max: number) => Math.round(rnd() * max * 100) / 100;
  const out: RuleInputs[] = [];
  for (let i = 0; i < count; i++) {
    const partner = rnd() < 0.35;
    const month = 1 + Math.floor(rnd() * 12);
    const birthYear = rnd() < 0.05 ? year - 18 : 1940 + Math.floor(rnd() * 60);
    const birthMonth = 1 + Math.floor(rnd() * 12);
    out.push(
      zorgtoeslagInputs({
        peildatum: `${year}-${String(month).padStart(2, '0')}-01`,
        geboortedatum: `${birthYear}-${String(birthMonth).padStart(2, '0')}-15`,
        inkomen: cents(partner ? 40_000 : 45_000),
        partnerInkomen: partner ? cents(30_000) : undefined,
        partnerVerzekerd: partner ? rnd() < 0.9 : undefined,
        vermogen: rnd() < 0.1 ? cents(300_000) : cents(20_000),
        verzekerd: rnd() < 0.97,
        gedetineerd: rnd() < 0.01,
        rechtmatigVerblijf: rnd() < 0.98,
      }),
    );
  }
  return out;
}
