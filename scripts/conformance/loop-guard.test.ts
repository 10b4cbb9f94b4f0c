import newman from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUARD_MARK, withLoopGuard } from './loop-guard.ts';
import { type MockEndpoints, startMockEndpoints } from './mock-endpoints.ts';
import type { PostmanItemJson } from './tally.ts';

const request = (name: string, ...test: string[]) => ({
  name,
  request: { method: 'GET', url: '{{mock_url}}/200' },
  event: [{ listen: 'test', script: { exec: test } }],
});

/** Like zrc-007b against an empty list: a request that sends the run back to itself forever. */
const looping: PostmanItemJson = {
  item: [
    {
      name: 'zrc',
      item: [
        request(
          '(zrc-007b) loops',
          'pm.test("ok", function () {});',
          'postman.setNextRequest("(zrc-007b) loops");',
        ),
        request('(zrc-008a) after the loop', 'pm.test("reached", function () {});'),
      ],
    },
  ],
};

function run(
  collection: PostmanItemJson,
  mockUrl: string,
): Promise<{ names: string[]; guardLines: string[] }> {
  return new Promise((resolve, reject) => {
    const names: string[] = [];
    const lines: string[] = [];
    const emitter = newman.run(
      { collection, envVar: [{ key: 'mock_url', value: mockUrl }], reporters: [], timeout: 20_000 },
      (err) => (err ? reject(err) : resolve({ names, guardLines: lines })),
    );
    emitter.on('beforeItem', (_e: unknown, o: { item: { name: string } }) => names.push(o.item.name));
    emitter.on('console', (_e: unknown, o: { messages: unknown[] }) => {
      const line = o.messages.join(' ');
      if (line.startsWith(GUARD_MARK)) lines.push(line);
    });
  });
}

describe('loop guard', () => {
  let mock: MockEndpoints;
  beforeAll(async () => {
    mock = await startMockEndpoints();
  });
  afterAll(() => mock.close());

  it('moves a never-ending self loop on to the next request after the limit, and says so', async () => {
    const { names, guardLines } = await run(
      withLoopGuard(looping, { maxStreak: 5, maxTotal: 100 }),
      mock.url,
    );
    expect(names).toEqual([...Array(5).fill('(zrc-007b) loops'), '(zrc-008a) after the loop']);
    expect(guardLines).toEqual([
      expect.stringContaining(`${GUARD_MARK} (zrc-007b) loops ran 5 times in a row`),
    ]);
  });

  it('leaves loops that end by themselves alone', async () => {
    const paging: PostmanItemJson = {
      item: [
        request(
          'page',
          'var n = (pm.globals.get("n") || 0) + 1; pm.globals.set("n", n);',
          'if (n < 3) postman.setNextRequest("page");',
        ),
        request('next'),
      ],
    };
    const { names, guardLines } = await run(withLoopGuard(paging, { maxStreak: 5, maxTotal: 100 }), mock.url);
    expect(names).toEqual(['page', 'page', 'page', 'next']);
    expect(guardLines).toEqual([]);
  });

  it('does not touch the collection it is given', () => {
    const before = JSON.stringify(looping);
    withLoopGuard(looping, { maxStreak: 5, maxTotal: 100 });
    expect(JSON.stringify(looping)).toBe(before);
  });
});
