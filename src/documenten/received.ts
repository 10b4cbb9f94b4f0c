import type { Readable } from 'node:stream';
import type { Database } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import type { AuditActor } from '../zgw/audittrail.ts';
import type { DocumentenContext } from './context.ts';
import type { EioJson } from './json.ts';
import { listObjectRelations } from './object-relations.ts';
import { type Conn, loadEio, loadVersion } from './repository.ts';
import { insertEio, resolveType } from './service-eio-write.ts';

/**
 * Documents other modules register without going over HTTP: a person's upload streams into the store
 * (`receiveContent`), then becomes an EnkelvoudigInformatieObject in the caller's transaction
 * (`registerReceivedDocument`), with the same notification and audit trail as the Documenten API.
 */

const contexts = new WeakMap<Database, DocumentenContext>();

export function rememberContext(database: Database, ctx: DocumentenContext): void {
  contexts.set(database, ctx);
}

/** The Documenten module registered on this database (its store, base URL and URL resolution). */
export function documentenOf(database: Database): DocumentenContext {
  const ctx = contexts.get(database);
  if (!ctx) throw new Error('the documenten module is not registered on this database');
  return ctx;
}

/** Streams content into the store, never holding it whole; `truncated` when the source stopped at its limit. */
export async function receiveContent(
  ctx: DocumentenContext,
  content: Readable & { truncated?: boolean },
): Promise<{ key: string; size: number; truncated: boolean }> {
  const stored = await ctx.storage.put(content);
  return { ...stored, truncated: content.truncated === true };
}

/** Removes content received for a document that was not registered after all. Never throws. */
export async function forgetContent(ctx: DocumentenContext, key: string): Promise<void> {
  await ctx.storage.delete(key).catch((err) => ctx.log.warn({ err }, 'documenten: removing content failed'));
}

export interface ReceivedDocument {
  organisationId: string;
  /** RSIN of the organisation that received it. */
  bronorganisatie: string;
  informatieobjecttype: string;
  titel: string;
  bestandsnaam: string;
  formaat: string;
  /** Who made or sent the document (ZGW `auteur`). */
  auteur: string;
  content: { key: string; size: number };
  /** Who registers it, for the audit trail (gebruikersId/-Weergave: the person acting). */
  actor: AuditActor;
  traceId?: string;
}

/**
 * Registers received content as a new document (version 1, status `definitief`, ontvangstdatum today),
 * in the caller's transaction. The informatieobjecttype must be a published one of this Loket.
 */
export async function registerReceivedDocument(
  trx: Trx,
  ctx: DocumentenContext,
  doc: ReceivedDocument,
): Promise<EioJson> {
  const iot = await resolveType(ctx, trx, doc.informatieobjecttype);
  const today = new Date().toISOString().slice(0, 10);
  const data: Record<string, unknown> = {
    creatiedatum: today,
    ontvangstdatum: today,
    titel: doc.titel.slice(0, 200),
    vertrouwelijkheidaanduiding: (iot.vertrouwelijkheidaanduiding as string) || 'vertrouwelijk',
    auteur: doc.auteur.slice(0, 200) || 'onbekend',
    status: 'definitief',
    formaat: doc.formaat.slice(0, 255),
    taal: 'dut',
    bestandsnaam: doc.bestandsnaam.slice(0, 255),
  };
  return insertEio(
    ctx,
    trx,
    {
      organisationId: doc.organisationId,
      auth: { clientId: 'loket', applicatieId: null, all: true, autorisaties: [] },
      actor: doc.actor,
      traceId: doc.traceId,
    },
    {
      bronorganisatie: doc.bronorganisatie,
      identificatie: '',
      informatieobjecttype: doc.informatieobjecttype,
      data,
      content: { key: doc.content.key, bestandsomvang: doc.content.size, parts: false },
    },
  );
}

/** A document of a zaak or besluit as a page lists it (the latest version). */
export interface ListedDocument {
  /** Null for a document in another system (only its URL is known). */
  id: string | null;
  url: string;
  titel: string;
  bestandsnaam: string | null;
  bestandsomvang: number | null;
  creatiedatum: string | null;
  auteur: string | null;
  status: string | null;
  vertrouwelijkheidaanduiding: string | null;
  registeredAt: Date | null;
}

/** The documents related to a zaak or besluit (its URL), oldest relation first; remote ones by URL only. */
export async function documentsOfObject(db: Conn, object: string): Promise<ListedDocument[]> {
  const documents: ListedDocument[] = [];
  for (const r of await listObjectRelations(db, { object })) {
    const eio = r.informatieobjectId ? await loadEio(db, r.informatieobjectId) : null;
    const version = eio ? await loadVersion(db, eio) : null;
    const d = version?.data ?? {};
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    documents.push({
      id: version ? (eio?.id ?? null) : null,
      url: r.informatieobject,
      titel: text(d.titel) ?? r.informatieobject,
      bestandsnaam: text(d.bestandsnaam),
      bestandsomvang: version?.bestandsomvang == null ? null : Number(version.bestandsomvang),
      creatiedatum: text(d.creatiedatum),
      auteur: text(d.auteur),
      status: text(d.status),
      vertrouwelijkheidaanduiding: text(d.vertrouwelijkheidaanduiding),
      registeredAt: version ? new Date(version.begin_registratie) : null,
    });
  }
  return documents;
}
