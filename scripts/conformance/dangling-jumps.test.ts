import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repairDanglingJumps } from './dangling-jumps.ts';
import { suitePaths } from './paths.ts';
import type { PostmanItemJson } from './tally.ts';

const request = (name: string, test = ''): PostmanItemJson => ({
  name,
  event: [{ listen: 'test', script: { exec: [test] } }],
});

describe('repairing jumps to requests that do not exist', () => {
  it('corrects a known typo and leaves good jumps alone', () => {
    const collection = {
      item: [
        request('a', 'postman.setNextRequest("Create Zaaktype for Besluittype relation creation");'),
        request('b', "postman.setNextRequest('a');"),
        request(
          'c',
          'pm.globals.set("NEXT_REQUEST_NAMES", ["a", "Create Zaaktype for Besluittype relation creation"]);',
        ),
        request('Create Informatieobjecttype for Besluittype relation creation'),
      ],
    };
    const { collection: fixed, repairs } = repairDanglingJumps(collection);
    expect(fixed.item?.[0]?.event?.[0]?.script?.exec).toEqual([
      'postman.setNextRequest("Create Informatieobjecttype for Besluittype relation creation");',
    ]);
    expect(fixed.item?.[1]?.event?.[0]?.script?.exec).toEqual(["postman.setNextRequest('a');"]);
    expect(fixed.item?.[2]?.event?.[0]?.script?.exec).toEqual([
      'pm.globals.set("NEXT_REQUEST_NAMES", ["a", "Create Informatieobjecttype for Besluittype relation creation"]);',
    ]);
    expect(repairs).toHaveLength(2);
    expect(repairs[0]?.replacement).toBe('Create Informatieobjecttype for Besluittype relation creation');
    // The input is untouched.
    expect(collection.item[0]?.event?.[0]?.script?.exec?.[0]).toContain('Create Zaaktype for');
  });

  it('reports an unknown dangling jump without changing it', () => {
    const { repairs } = repairDanglingJumps({ item: [request('a', 'postman.setNextRequest("nowhere")')] });
    expect(repairs).toEqual([
      expect.objectContaining({ request: 'a', target: 'nowhere', replacement: null }),
    ]);
  });

  it('redirects a known misdirected jump only in the request that holds it', () => {
    const brc003b =
      '(brc-003b) BesluitInformatieObject aanmaken met ongeldige informatieobject url is niet toegestaan';
    const collection = {
      item: [
        {
          name: brc003b,
          event: [
            {
              listen: 'test',
              script: {
                exec: [
                  'pm.globals.set("NEXT_REQUEST_NAMES", ["Create BesluitInformatieObject"]);',
                  'postman.setNextRequest("Create BesluitInformatieObject");',
                ],
              },
            },
          ],
        },
        request('Create different Besluit'),
        request('Delete different Besluit', 'postman.setNextRequest("Create BesluitInformatieObject");'),
        request('Create BesluitInformatieObject'),
      ],
    };
    const { collection: fixed, repairs } = repairDanglingJumps(collection);
    expect(fixed.item?.[0]?.event?.[0]?.script?.exec).toEqual([
      'pm.globals.set("NEXT_REQUEST_NAMES", ["Create different Besluit"]);',
      'postman.setNextRequest("Create different Besluit");',
    ]);
    // The same target elsewhere is right (brc-004 ends by going on to brc-005) and stays.
    expect(fixed.item?.[2]?.event?.[0]?.script?.exec).toEqual([
      'postman.setNextRequest("Create BesluitInformatieObject");',
    ]);
    expect(repairs).toEqual([
      expect.objectContaining({ request: brc003b, replacement: 'Create different Besluit' }),
      expect.objectContaining({ request: brc003b, replacement: 'Create different Besluit' }),
    ]);
  });

  it('leaves no dangling jump in the public suite', () => {
    const text = readFileSync(suitePaths().collection, 'utf8');
    const { repairs } = repairDanglingJumps(JSON.parse(text) as PostmanItemJson);
    expect(repairs.filter((r) => r.replacement === null)).toEqual([]);
    expect(repairs.length).toBeGreaterThan(0);
    // brc-003b's jumps past brc-004 are redirected to brc-004's first request.
    expect(repairs.filter((r) => r.request.startsWith('(brc-003b)'))).toEqual([
      expect.objectContaining({
        target: 'Create BesluitInformatieObject',
        replacement: 'Create different Besluit',
      }),
      expect.objectContaining({
        target: 'Create BesluitInformatieObject',
        replacement: 'Create different Besluit',
      }),
    ]);
  });
});
