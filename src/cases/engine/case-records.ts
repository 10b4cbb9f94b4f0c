import { dienstOfZaaktype, getDienst } from '../../catalog/dienst.ts';
import { selectielijstClient } from '../../catalog/selectielijst.ts';
import { listCatalogussen } from '../../catalog/service-catalogus.ts';
import { listZaaktypen } from '../../catalog/service-zaaktype.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import {
  addZaakPart,
  casesOfSubject,
  createRol,
  createZaak,
  getZaak,
  setStatus,
  updateZaak,
  type ZaakRow,
  zaakUrl,
} from '../../zaken/index.ts';
import { lastFieldChange } from '../../zgw/audittrail.ts';
import type { LocalResources } from '../../zgw/local-resources.ts';
import type { Actor } from '../plan/index.ts';
import type { Conn } from './tables.ts';

/**
 * The case engine's view of the case record and the catalogue. The case is the zaak of src/zaken (one
 * table for the engine, the portal and ZGW; case id = zaak id); the service levels come from the dienst
 * of src/catalog. Everything the engine needs from those modules goes through this one file.
 */

export interface CaseRecord {
  id: string;
  organisationId: string;
  identificatie: string;
  zaaktypeUrl: string;
  subjectBsn: string | null;
  startdatum: string;
  dienstId: string | null;
}

/** What the engine needs of a zaaktype version: its identity and the service levels of its dienst. */
export interface ZaaktypeInfo {
  url: string;
  id: string;
  identificatie: string;
  omschrijving: string;
  /** Legal decision term (beslistermijn), ISO 8601 duration. */
  beslistermijn: string | null;
  /** The organisation's own target (streeftermijn). */
  streeftermijn: string | null;
  roltypen: string[];
}

export interface NewCaseRecord {
  organisationId: string;
  zaaktype: ZaaktypeInfo;
  bsn: string;
  startdatum: string;
  omschrijving?: string;
  actor: Actor;
}

/** The zaak's ZGW fields about its term (gegevensgroepen opschorting and verlenging). */
export interface ZaakDeadlineFields {
  organisationId: string;
  subjectBsn: string | null;
  closed: boolean;
  opschorting: { indicatie: boolean; reden: string };
  verlenging: { reden: string; duur: string } | null;
}

const uuidOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

function toRecord(row: ZaakRow): CaseRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    identificatie: row.identificatie,
    zaaktypeUrl: row.zaaktype,
    subjectBsn: row.subject_bsn,
    startdatum: row.startdatum,
    dienstId: row.dienst_id,
  };
}

/** The engine acts in Zaken as Loket itself, for the organisation of the case, on behalf of a person. */
/** The applicatie the case engine's own ZGW changes are recorded under. */
const ENGINE_APPLICATIE = 'loket-cases';

function callerFor(organisationId: string, actor: Actor) {
  return {
    organisationId,
    auth: { clientId: 'loket-cases', applicatieId: null, all: true, autorisaties: [] },
    actor: {
      organisationId,
      applicatieId: ENGINE_APPLICATIE,
      applicatieWeergave: 'Loket zaakbehandeling',
      gebruikersId: actor.id,
      gebruikersWeergave: actor.name ?? actor.id,
    },
  };
}

export class CaseRecords {
  constructor(
    private readonly config: Pick<Config, 'baseUrl' | 'referentielijstenUrl'>,
    private readonly local: LocalResources,
  ) {}

  private catalogContext(db: Db | Trx) {
    return {
      db: db as Db,
      baseUrl: this.config.baseUrl,
      selectielijst: selectielijstClient(this.config),
      local: this.local,
    };
  }

  /** The published version of an organisation's zaaktype (by identificatie) that is valid on `date`. */
  async zaaktype(db: Conn, organisationId: string, identificatie: string, date: string) {
    const organisation = await getOrganisation(db, organisationId);
    if (!organisation?.rsin) return null;
    const catalogi = await listCatalogussen(db as Db, this.config.baseUrl, { rsin: organisation.rsin });
    for (const catalogus of catalogi.results) {
      const found = await listZaaktypen(this.catalogContext(db), {
        catalogus: catalogus.url,
        identificatie,
        datumGeldigheid: date,
      });
      const z = found.results[0];
      if (z) return this.describe(db, z);
    }
    return null;
  }

  private async describe(
    db: Conn,
    z: Record<string, unknown>,
    dienstId?: string | null,
  ): Promise<ZaaktypeInfo> {
    // The service levels are the dienst's (the zaaktype's doorlooptijd and servicenorm are the same terms
    // for a dienst made from a zaaktype, and the fallback for a zaaktype without one).
    const id = dienstId ?? (await dienstOfZaaktype(db, uuidOf(z.url as string)));
    const dienst = id ? await getDienst(db, id) : null;
    return {
      url: z.url as string,
      id: uuidOf(z.url as string),
      identificatie: z.identificatie as string,
      omschrijving: z.omschrijving as string,
      beslistermijn: dienst?.beslistermijn ?? ((z.doorlooptijd as string | null) || null),
      streeftermijn: dienst?.streeftermijn ?? ((z.servicenorm as string | null) || null),
      roltypen: (z.roltypen as string[]) ?? [],
    };
  }

  /** The service levels of a case's own zaaktype and dienst. */
  async serviceLevels(db: Conn, record: CaseRecord): Promise<ZaaktypeInfo> {
    if (!this.local.isLocal(record.zaaktypeUrl)) throw new Error('zaaktype of another catalogue');
    const z = await this.local.resolve(db, 'zaaktype', record.zaaktypeUrl, {
      api: 'catalogi',
      resource: 'zaaktypen',
    });
    return this.describe(db, z, record.dienstId);
  }

  /** Creates the zaak with the person as initiator (so it is theirs in the portal). */
  async create(trx: Trx, input: NewCaseRecord): Promise<CaseRecord> {
    const organisation = await getOrganisation(trx, input.organisationId);
    if (!organisation?.rsin) throw new Error(`organisation ${input.organisationId} has no RSIN`);
    const ctx = { db: trx as unknown as Db, baseUrl: this.config.baseUrl, local: this.local };
    const caller = callerFor(input.organisationId, input.actor);
    const zaak = await createZaak(
      ctx,
      caller,
      {
        bronorganisatie: organisation.rsin,
        verantwoordelijkeOrganisatie: organisation.rsin,
        startdatum: input.startdatum,
        zaaktype: input.zaaktype.url,
        omschrijving: input.omschrijving ?? input.zaaktype.omschrijving,
      },
      trx,
    );
    const initiator = await this.initiatorRoltype(trx, input.zaaktype.roltypen);
    if (initiator) {
      await createRol(ctx, caller, {
        zaak: zaak.url,
        roltype: initiator,
        betrokkeneType: 'natuurlijk_persoon',
        roltoelichting: 'Aanvrager',
        betrokkeneIdentificatie: { inpBsn: input.bsn },
      });
    }
    const row = await getZaak(trx, zaak.uuid as string);
    if (!row) throw new Error('zaak not found right after it was made');
    return toRecord(row);
  }

  /**
   * The zaak's status follows the plan's milestones: a milestone named like a statustype of the zaaktype
   * sets that status. The end status is left to the professional (closing needs a resultaat).
   */
  async setStatusForMilestone(trx: Trx, caseId: string, milestone: string): Promise<boolean> {
    const row = await getZaak(trx, caseId);
    if (!row || row.einddatum || !this.local.isLocal(row.zaaktype)) return false;
    const z = await this.local.resolve(trx, 'zaaktype', row.zaaktype, {
      api: 'catalogi',
      resource: 'zaaktypen',
    });
    for (const url of (z.statustypen as string[]) ?? []) {
      const st = await this.local.resolve(trx, 'statustype', url, {
        api: 'catalogi',
        resource: 'statustypen',
      });
      if (st.omschrijving !== milestone || st.isEindstatus === true) continue;
      await setStatus(
        trx,
        { baseUrl: this.config.baseUrl, local: this.local },
        callerFor(row.organisation_id, { kind: 'system', id: 'cases', name: 'Zaakbehandeling' }),
        { zaak: caseId, statustype: url, statustoelichting: milestone },
      );
      return true;
    }
    return false;
  }

  /**
   * A document linked to a zaak through the Zaken API (zaakinformatieobject) as the engine sees it: the case,
   * the document's URL and its type — the omschrijving of its informatieobjecttype in lower case (what a plan
   * names in `documentType` and reads in `documents.types`). Null when any of it is not in this Loket.
   */
  async documentOfZio(
    db: Conn,
    zioUrl: string,
  ): Promise<{ caseId: string; documentId: string; documentType: string } | null> {
    const zio = await this.local.lookup(db as Db, zioUrl);
    const zaak = typeof zio?.zaak === 'string' ? zio.zaak : null;
    const eioUrl = typeof zio?.informatieobject === 'string' ? zio.informatieobject : null;
    if (!zaak || !eioUrl) return null;
    const eio = await this.local.lookup(db as Db, eioUrl);
    const typeUrl = typeof eio?.informatieobjecttype === 'string' ? eio.informatieobjecttype : null;
    const type = typeUrl ? await this.local.lookup(db as Db, typeUrl) : null;
    if (typeof type?.omschrijving !== 'string') return null;
    return { caseId: uuidOf(zaak), documentId: eioUrl, documentType: type.omschrijving.toLowerCase() };
  }

  /**
   * The informatieobjecttype a person's upload for this case gets: of the zaaktype's types the one named
   * like the document the plan asks for, else "Bewijsstuk", else the first. Null when it has none here.
   */
  async uploadType(db: Conn, caseId: string, documentType: string): Promise<string | null> {
    const row = await getZaak(db, caseId);
    const zaaktype =
      row && this.local.isLocal(row.zaaktype) ? await this.local.lookup(db as Db, row.zaaktype) : null;
    const types: { url: string; name: string }[] = [];
    for (const url of (zaaktype?.informatieobjecttypen as string[] | undefined) ?? []) {
      const iot = this.local.isLocal(url) ? await this.local.lookup(db as Db, url) : null;
      if (typeof iot?.omschrijving === 'string') types.push({ url, name: iot.omschrijving.toLowerCase() });
    }
    const named = (name: string) => types.find((t) => t.name === name)?.url;
    return named(documentType.toLowerCase()) ?? named('bewijsstuk') ?? types[0]?.url ?? null;
  }

  /** Relates a document to the case's zaak (a zaakinformatieobject), through Zaken, as `actor`. */
  async linkDocument(
    trx: Trx,
    caseId: string,
    documentUrl: string,
    titel: string,
    actor: Actor,
  ): Promise<void> {
    const row = await getZaak(trx, caseId);
    if (!row) throw new Error('zaak not found');
    const ctx = { db: trx as unknown as Db, baseUrl: this.config.baseUrl, local: this.local };
    await addZaakPart(
      ctx,
      callerFor(row.organisation_id, actor),
      'zaakinformatieobject',
      { zaak: zaakUrl(this.config.baseUrl, caseId), informatieobject: documentUrl, titel },
      undefined,
      trx,
    );
  }

  /**
   * The zaak's opschorting and verlenging (null when there is no such zaak); `forUpdate` locks the zaak for
   * the rest of the transaction, so that changes to one case's term are brought in line one at a time.
   */
  async deadlineFields(db: Conn, caseId: string, forUpdate = false): Promise<ZaakDeadlineFields | null> {
    const row = await getZaak(db, caseId, forUpdate);
    if (!row) return null;
    const d = row.data as { opschorting?: ZaakDeadlineFields['opschorting']; verlenging?: unknown };
    return {
      organisationId: row.organisation_id,
      subjectBsn: row.subject_bsn,
      closed: row.einddatum !== null,
      opschorting: d.opschorting ?? { indicatie: false, reden: '' },
      verlenging: (d.verlenging as ZaakDeadlineFields['verlenging']) ?? null,
    };
  }

  /**
   * Who last changed the zaak's opschorting or verlenging, and when: `byEngine` when it was the case engine
   * itself (setDeadlineFields), so that the zaak only repeats the term; null when nobody did.
   */
  async deadlineFieldsAuthor(db: Conn, caseId: string): Promise<{ byEngine: boolean; at: Date } | null> {
    const last = await lastFieldChange(db, zaakUrl(this.config.baseUrl, caseId), [
      'opschorting',
      'verlenging',
    ]);
    return last ? { byEngine: last.applicatieId === ENGINE_APPLICATIE, at: last.at } : null;
  }

  /** Writes opschorting and/or verlenging through Zaken (same rules, notification and audit trail as ZGW). */
  async setDeadlineFields(
    trx: Trx,
    caseId: string,
    fields: Partial<Pick<ZaakDeadlineFields, 'opschorting' | 'verlenging'>>,
  ): Promise<void> {
    const row = await getZaak(trx, caseId);
    if (!row) return;
    const ctx = { db: trx as unknown as Db, baseUrl: this.config.baseUrl, local: this.local };
    const actor: Actor = { kind: 'system', id: 'cases', name: 'Zaakbehandeling' };
    await updateZaak(ctx, callerFor(row.organisation_id, actor), caseId, fields, true);
  }

  private async initiatorRoltype(trx: Trx, roltypen: string[]): Promise<string | null> {
    for (const url of roltypen) {
      const r = await this.local.resolve(trx, 'roltype', url, { api: 'catalogi', resource: 'roltypen' });
      if (r.omschrijvingGeneriek === 'initiator') return url;
    }
    return null;
  }

  async get(db: Conn, id: string): Promise<CaseRecord | null> {
    const row = await getZaak(db, id);
    return row ? toRecord(row) : null;
  }

  /** Every case of a person, at every organisation (the citizen's one door). */
  async ofPerson(db: Db, bsn: string): Promise<CaseRecord[]> {
    return (await casesOfSubject(db, { bsn })).map(toRecord);
  }
}
