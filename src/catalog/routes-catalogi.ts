import type { App } from '../platform/http/server.ts';
import type { ListCache } from './cache.ts';
import { registerResource } from './routes.ts';
import {
  Catalogus,
  CatalogusBody,
  CatalogusQuery,
  Zaaktype,
  ZaaktypeBody,
  ZaaktypePatch,
  ZaaktypeQuery,
  ZaaktypeReadQuery,
} from './schemas.ts';
import {
  Besluittype,
  BesluittypeBody,
  BesluittypePatch,
  BesluittypeQuery,
  Eigenschap,
  EigenschapBody,
  EigenschapPatch,
  EigenschapQuery,
  Informatieobjecttype,
  InformatieobjecttypeBody,
  InformatieobjecttypePatch,
  InformatieobjecttypeQuery,
  Resultaattype,
  ResultaattypeBody,
  ResultaattypePatch,
  ResultaattypeQuery,
  Roltype,
  RoltypeBody,
  RoltypePatch,
  RoltypeQuery,
  Statustype,
  StatustypeBody,
  StatustypePatch,
  StatustypeQuery,
  Zaakobjecttype,
  ZaakobjecttypeBody,
  ZaakobjecttypePatch,
  ZaakobjecttypeQuery,
  Ziot,
  ZiotBody,
  ZiotPatch,
  ZiotQuery,
} from './schemas-types.ts';
import type { CatalogContext } from './service.ts';
import {
  createBesluittype,
  deleteBesluittype,
  listBesluittypen,
  publishBesluittype,
  readBesluittype,
  updateBesluittype,
} from './service-besluittype.ts';
import { createCatalogus, listCatalogussen, readCatalogus } from './service-catalogus.ts';
import { eigenschappen } from './service-eigenschap.ts';
import {
  createInformatieobjecttype,
  deleteInformatieobjecttype,
  listInformatieobjecttypen,
  publishInformatieobjecttype,
  readInformatieobjecttype,
  updateInformatieobjecttype,
} from './service-informatieobjecttype.ts';
import { resultaattypen } from './service-resultaattype.ts';
import { roltypen } from './service-roltype.ts';
import { statustypen } from './service-statustype.ts';
import { zaakobjecttypen } from './service-zaakobjecttype.ts';
import {
  createZaaktype,
  deleteZaaktype,
  listZaaktypen,
  publishZaaktype,
  readZaaktype,
  updateZaaktype,
} from './service-zaaktype.ts';
import { zaaktypeInformatieobjecttypen } from './service-ziot.ts';

type Child = typeof statustypen;

const child = (service: Child) => ({
  list: service.list,
  read: (ctx: CatalogContext, id: string) => service.read(ctx, id),
  create: service.create,
  update: service.update,
  remove: service.remove,
});

/** Catalogi API 1.3.1: every resource, its filters and its rules. Mounted at /catalogi/api/v1. */
export function registerCatalogiRoutes(app: App, ctx: CatalogContext, cache: ListCache): void {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('API-version', '1.3.1');
  });
  // Clients (the ZGW suite among them) send `Content-Type: application/json` on DELETE and /publish without a
  // body; that is no body, not a malformed one.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') done(null, undefined);
    else parseJson(req, body as string, done);
  });

  registerResource(app, ctx, cache, {
    path: '/catalogussen',
    op: 'catalogus',
    name: 'CATALOGUS',
    item: Catalogus,
    query: CatalogusQuery,
    body: CatalogusBody,
    rules:
      'De catalogus hoort bij de organisatie van de aanroepende applicatie; het RSIN is dat van die organisatie en het domein is uniek binnen de organisatie.',
    list: (c, q) => listCatalogussen(c.db, c.baseUrl, q),
    read: (c, id) => readCatalogus(c.db, c.baseUrl, id),
    create: (c, caller, body) => createCatalogus(c.db, c.baseUrl, caller, body),
  });

  registerResource(app, ctx, cache, {
    path: '/zaaktypen',
    op: 'zaaktype',
    name: 'ZAAKTYPE',
    item: Zaaktype,
    query: ZaaktypeQuery,
    readQuery: ZaaktypeReadQuery,
    body: ZaaktypeBody,
    patch: ZaaktypePatch,
    rules:
      'Er wordt gevalideerd op: `catalogus`, `besluittypen` en `deelzaaktypen` binnen dezelfde catalogus; het `selectielijstProcestype` in de Referentielijsten API; een gepubliceerd zaaktype alleen de einddatum van de geldigheid wijzigen (tenzij `catalogi.geforceerd-schrijven`); geen overlappende geldigheid van gepubliceerde versies met dezelfde identificatie. Een zaaktype zonder dienst krijgt een dienst in Loket.',
    list: listZaaktypen,
    read: (c, id, q) => readZaaktype(c, id, q.datumGeldigheid as string | undefined),
    create: createZaaktype,
    update: updateZaaktype,
    remove: deleteZaaktype,
    publish: publishZaaktype,
  });

  registerResource(app, ctx, cache, {
    path: '/besluittypen',
    op: 'besluittype',
    name: 'BESLUITTYPE',
    item: Besluittype,
    query: BesluittypeQuery,
    body: BesluittypeBody,
    patch: BesluittypePatch,
    rules:
      '`informatieobjecttypen` en `zaaktypen` horen bij dezelfde catalogus; een gepubliceerd besluittype wijzigt alleen nog in einddatum.',
    list: listBesluittypen,
    read: (c, id) => readBesluittype(c, id),
    create: createBesluittype,
    update: updateBesluittype,
    remove: deleteBesluittype,
    publish: publishBesluittype,
  });

  registerResource(app, ctx, cache, {
    path: '/informatieobjecttypen',
    op: 'informatieobjecttype',
    name: 'INFORMATIEOBJECTTYPE',
    item: Informatieobjecttype,
    query: InformatieobjecttypeQuery,
    body: InformatieobjecttypeBody,
    patch: InformatieobjecttypePatch,
    list: listInformatieobjecttypen,
    read: (c, id) => readInformatieobjecttype(c, id),
    create: createInformatieobjecttype,
    update: updateInformatieobjecttype,
    remove: deleteInformatieobjecttype,
    publish: publishInformatieobjecttype,
  });

  const children: [
    string,
    string,
    string,
    Child,
    { item: object; query: object; body: object; patch: object },
  ][] = [
    [
      '/statustypen',
      'statustype',
      'STATUSTYPE',
      statustypen,
      { item: Statustype, query: StatustypeQuery, body: StatustypeBody, patch: StatustypePatch },
    ],
    [
      '/resultaattypen',
      'resultaattype',
      'RESULTAATTYPE',
      resultaattypen as unknown as Child,
      { item: Resultaattype, query: ResultaattypeQuery, body: ResultaattypeBody, patch: ResultaattypePatch },
    ],
    [
      '/roltypen',
      'roltype',
      'ROLTYPE',
      roltypen as unknown as Child,
      { item: Roltype, query: RoltypeQuery, body: RoltypeBody, patch: RoltypePatch },
    ],
    [
      '/eigenschappen',
      'eigenschap',
      'EIGENSCHAP',
      eigenschappen as unknown as Child,
      { item: Eigenschap, query: EigenschapQuery, body: EigenschapBody, patch: EigenschapPatch },
    ],
    [
      '/zaaktype-informatieobjecttypen',
      'zaakinformatieobjecttype',
      'ZAAKTYPE-INFORMATIEOBJECTTYPE',
      zaaktypeInformatieobjecttypen as unknown as Child,
      { item: Ziot, query: ZiotQuery, body: ZiotBody, patch: ZiotPatch },
    ],
    [
      '/zaakobjecttypen',
      'zaakobjecttype',
      'ZAAKOBJECTTYPE',
      zaakobjecttypen as unknown as Child,
      {
        item: Zaakobjecttype,
        query: ZaakobjecttypeQuery,
        body: ZaakobjecttypeBody,
        patch: ZaakobjecttypePatch,
      },
    ],
  ];
  for (const [path, op, name, service, s] of children) {
    registerResource(app, ctx, cache, {
      path,
      op,
      name,
      item: s.item as never,
      query: s.query as never,
      body: s.body as never,
      patch: s.patch as never,
      rules:
        'Het object hoort bij een zaaktype; zolang dat zaaktype een concept is kan het worden gewijzigd en verwijderd, daarna niet meer (tenzij `catalogi.geforceerd-schrijven`).',
      ...child(service),
    });
  }
}
