import { afterEach, describe, expect, it, vi } from 'vitest';
import { DbMemo } from './memo.ts';

describe('DbMemo', () => {
  afterEach(() => vi.useRealTimers());
  const counting = () => {
    let reads = 0;
    return { load: async () => `v${++reads}`, reads: () => reads };
  };

  it('remembers per handle until that handle is told to forget', async () => {
    const memo = new DbMemo<string>({ maxEntries: 10 });
    const [a, b] = [{}, {}];
    const src = counting();
    expect(await memo.read(a, 'k', src.load)).toBe('v1');
    expect(await memo.read(a, 'k', src.load)).toBe('v1');
    expect(await memo.read(b, 'k', src.load)).toBe('v2');
    memo.forget(a);
    expect(await memo.read(a, 'k', src.load)).toBe('v3');
    expect(await memo.read(b, 'k', src.load)).toBe('v2');
    memo.forgetAll();
    expect(await memo.read(b, 'k', src.load)).toBe('v4');
  });

  it('answers a read that overlaps a forget without remembering it', async () => {
    const memo = new DbMemo<string>({ maxEntries: 10 });
    const db = {};
    let release = () => {};
    const slow = memo.read(db, 'k', () => new Promise<string>((r) => (release = () => r('old'))));
    memo.forget(db);
    release();
    expect(await slow).toBe('old');
    expect(await memo.read(db, 'k', async () => 'new')).toBe('new');
  });

  it('uses a value no longer than rememberMs, nor past usableUntil, and only what remember accepts', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const start = Date.now();
    const memo = new DbMemo<{ n: number; until: number } | null>({
      maxEntries: 10,
      rememberMs: 60_000,
      usableUntil: (v) => v?.until ?? 0,
      remember: (v) => v !== null,
    });
    const db = {};
    let n = 0;
    const load = async () => ({ n: ++n, until: start + 30_000 });
    expect((await memo.read(db, 'short', load))?.n).toBe(1);
    vi.setSystemTime(start + 29_000);
    expect((await memo.read(db, 'short', load))?.n).toBe(1);
    vi.setSystemTime(start + 31_000);
    expect((await memo.read(db, 'short', load))?.n).toBe(2);
    const long = async () => ({ n: ++n, until: start + 10_000_000 });
    expect((await memo.read(db, 'long', long))?.n).toBe(3);
    vi.setSystemTime(start + 31_000 + 61_000);
    expect((await memo.read(db, 'long', long))?.n).toBe(4);
    let nulls = 0;
    const none = async () => {
      nulls++;
      return null;
    };
    await memo.read(db, 'none', none);
    await memo.read(db, 'none', none);
    expect(nulls).toBe(2);
  });
});
