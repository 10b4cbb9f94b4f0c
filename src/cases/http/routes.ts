import type { Db } from '../../platform/db/database.ts';
import { registerApiGroup } from '../../platform/http/api-group.ts';
import type { App } from '../../platform/http/server.ts';
import type { EngineDeps } from '../engine/cases.ts';
import { registerCaseRoutes } from './routes-cases.ts';
import { registerCitizenRoutes } from './routes-citizen.ts';
import { registerPlanRoutes } from './routes-plans.ts';
import { registerTaskRoutes } from './routes-tasks.ts';
import { CASES_PREFIX } from './support.ts';

const DESCRIPTION = `Dynamisch zaakgericht werken: een plan per zaaktype, taken die professionals toevoegen als de situatie erom vraagt, termijnen die mensen op de hoogte houden, en levensgebeurtenissen over organisaties heen.

**Plannen** zijn gegevens (YAML of JSON volgens het JSON Schema op \`/plannen/schema\`), met een versie per zaaktype. Een zaak houdt de versie waarmee ze begon; een migratie naar een nieuwe versie gebeurt alleen op verzoek, eerst als proef.

**Toegang.** Medewerkers zien alleen zaken van hun eigen organisatie (bij een levensgebeurtenis van de andere organisaties alleen dienst, status en mijlpalen). Burgers zien alleen hun eigen taken, berichten en aanvragen. Plannen publiceren en migreren mag alleen een functioneel beheerder.

**Gebeurtenissen.** Elke overgang staat in de historie; taken, mijlpalen, termijnen en onderdelen die aandacht nodig hebben gaan als events door de outbox (\`case.task.activated\`, \`case.task.completed\`, \`case.milestone.reached\`, \`case.needs_attention\`, \`case.deadline.warning\`, \`case.deadline.lapsed\`, …). Andere modules geven gebeurtenissen door met het event \`case.event\`.`;

/** The case engine's API group: /loket/api/v1/zaakbehandeling with its own OpenAPI document. */
export async function registerCasesApi(app: App, db: Db, deps: EngineDeps, baseUrl: string): Promise<void> {
  const api = { db, deps, baseUrl };
  await registerApiGroup(
    app,
    {
      prefix: CASES_PREFIX,
      title: 'Loket Zaakbehandeling API',
      version: '1.0.0',
      description: DESCRIPTION,
      baseUrl,
    },
    (group) => {
      registerPlanRoutes(group, api);
      registerCaseRoutes(group, api);
      registerTaskRoutes(group, api);
      registerCitizenRoutes(group, api);
    },
  );
}
