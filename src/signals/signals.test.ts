import { beforeAll, expect, it } from 'vitest';
import { createDienst } from '../catalog/dienst.ts';
import { DEMO_ORGANISATIONS } from '../demo/organisations.ts';
import { improvementItems } from '../facts/follow-up.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import type { Problem } from '../platform/http/problem.ts';
import { upsertOrganisation } from '../platform/organisations.ts';
import { describeBackends } from '../testing/backends.ts';
import {
  handleSignal,
  linkImprovement,
  listSignals,
  raiseSignal,
  signalForViewer,
  signalOwners,
  type Viewer,
} from './service.ts';

const marieke: Viewer = {
  organisationId: 'voorbeeldstad',
  staffId: 'm.jansen',
  name: 'Marieke Jansen',
  team: 'burgerzaken',
};
const jeroen: Viewer = {
  organisationId: 'toeslagen',
  staffId: 'j.visser',
  name: 'Jeroen Visser',
  team: 'zorgtoeslag',
};
const outsider: Viewer = {
  organisationId: 'toeslagen',
  staffId: 't.other',
  name: 'Tom Ander',
  team: 'terugvordering',
};
const sanne: Viewer = {
  organisationId: 'incasso',
  staffId: 's.mulder',
  name: 'Sanne Mulder',
  team: 'invordering',
};

const dienstId = '7a1e0000-0000-4000-8000-000000000001';

async function problemOf(p: Promise<unknown>): Promise<Problem> {
  try {
    await p;
  } catch (err) {
    return err as Problem;
  }
  throw new Error('expected a refusal');
}

describeBackends('signals: raise, route, handle, link', (database) => {
  const db = () => database().db;
  const tx = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(db(), work);

  beforeAll(async () => {
    await tx(async (trx) => {
      for (const o of DEMO_ORGANISATIONS) await upsertOrganisation(trx, o);
      await createDienst(trx, {
        id: dienstId,
        organisationId: 'toeslagen',
        naam: 'Zorgtoeslag aanvragen',
        publieksomschrijving: 'Geld voor de zorgverzekering.',
        rechtsgronden: [],
        beslistermijn: 'P8W',
        streeftermijn: null,
        reactietermijnen: {},
        eigenaarTeam: 'zorgtoeslag',
      });
    });
  });

  it('offers every service and every organisation as owner', async () => {
    const owners = await signalOwners(db());
    expect(owners.diensten).toContainEqual({
      value: `dienst:${dienstId}`,
      label: 'Zorgtoeslag aanvragen (Dienst Toeslagen (demo))',
    });
    expect(owners.sources.map((s) => s.value)).toEqual(
      expect.arrayContaining(['bron:voorbeeldstad', 'bron:toeslagen', 'bron:incasso']),
    );
  });

  it('refuses an incomplete signal, naming every field', async () => {
    const p = await problemOf(
      tx((trx) => raiseSignal(trx, marieke, { process: 'x', summary: '', description: 'kort' })),
    );
    expect(p.status).toBe(400);
    expect(p.invalidParams?.map((i) => i.name).sort()).toEqual([
      'description',
      'failure',
      'owner',
      'process',
      'summary',
    ]);
    const unknown = await problemOf(
      tx((trx) =>
        raiseSignal(trx, marieke, {
          process: 'operate',
          failure: 'data',
          summary: 'Iets',
          description: 'Een beschrijving van minstens twintig tekens.',
          owner: 'bron:bestaat-niet',
        }),
      ),
    );
    expect(unknown.invalidParams?.[0]?.name).toBe('owner');
    const noCase = await problemOf(
      tx((trx) =>
        raiseSignal(trx, marieke, {
          process: 'operate',
          failure: 'data',
          summary: 'Iets',
          description: 'Een beschrijving van minstens twintig tekens.',
          owner: 'bron:toeslagen',
          caseId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    );
    expect(noCase.invalidParams?.[0]?.name).toBe('caseId');
  });

  it('routes a signal to the owning team, lets only that team handle it, and shows the raiser what happened', async () => {
    const s = await tx((trx) =>
      raiseSignal(trx, marieke, {
        process: 'recover',
        failure: 'data',
        summary: 'Terugvordering staat nog als fraude',
        description: 'Mevrouw kreeg weer een aanmaning terwijl de markering was ingetrokken.',
        owner: `dienst:${dienstId}`,
      }),
    );
    expect(s).toMatchObject({
      ownerOrganisationId: 'toeslagen',
      ownerTeam: 'zorgtoeslag',
      status: 'received',
      dienstName: 'Zorgtoeslag aanvragen',
    });
    expect((await listSignals(db(), marieke, 'mine')).map((x) => x.id)).toContain(s.id);
    expect((await listSignals(db(), jeroen, 'owner')).map((x) => x.id)).toContain(s.id);
    // Another organisation sees nothing of it, not even by id.
    expect(await listSignals(db(), sanne, 'owner')).toEqual([]);
    expect((await problemOf(tx((trx) => signalForViewer(trx, sanne, s.id)))).status).toBe(404);
    // Someone of the owner organisation outside the team may read but not handle it.
    expect((await tx((trx) => signalForViewer(trx, outsider, s.id))).canHandle).toBe(false);
    expect(
      (await problemOf(tx((trx) => handleSignal(trx, outsider, s.id, { status: 'investigating' })))).status,
    ).toBe(403);
    expect(
      (
        await problemOf(
          tx((trx) =>
            handleSignal(trx, marieke, s.id, { status: 'resolved', response: 'Zelf opgelost hoor' }),
          ),
        )
      ).status,
    ).toBe(403);

    await tx((trx) => handleSignal(trx, jeroen, s.id, { status: 'investigating', response: '' }));
    const closing = await problemOf(
      tx((trx) => handleSignal(trx, jeroen, s.id, { status: 'resolved', response: 'kort' })),
    );
    expect(closing.invalidParams?.[0]?.name).toBe('response');

    const linked = await tx((trx) =>
      linkImprovement(trx, jeroen, s.id, { cause: 'Ingetrokken markeringen gaan niet door naar incasso.' }),
    );
    expect(linked.status).toBe('fixing');
    const items = await improvementItems(db(), 'toeslagen');
    expect(items.find((i) => i.id === linked.improvementId)).toMatchObject({
      status: 'open',
      cause: 'Ingetrokken markeringen gaan niet door naar incasso.',
    });
    const wrongItem = await problemOf(
      tx((trx) =>
        linkImprovement(trx, jeroen, s.id, { improvementId: '00000000-0000-4000-8000-000000000000' }),
      ),
    );
    expect(wrongItem.invalidParams?.[0]?.name).toBe('improvementId');

    await tx((trx) =>
      handleSignal(trx, jeroen, s.id, {
        status: 'resolved',
        response: 'De koppeling met incasso is hersteld.',
      }),
    );
    const seen = await tx((trx) => signalForViewer(trx, marieke, s.id));
    expect(seen.signal).toMatchObject({ status: 'resolved', improvementId: linked.improvementId });
    expect(seen.canHandle).toBe(false);
    expect(seen.events.map((e) => [e.kind, e.status])).toEqual([
      ['raised', 'received'],
      ['status', 'investigating'],
      ['improvement', 'fixing'],
      ['status', 'resolved'],
    ]);
    expect(seen.events.at(-1)).toMatchObject({
      actorName: 'Jeroen Visser',
      text: 'De koppeling met incasso is hersteld.',
    });
  });
});
