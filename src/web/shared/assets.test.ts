import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../platform/http/server.ts';
import { memoryLogger, testConfig } from '../../testing/backends.ts';
import { assetUrl, registerWebAssets } from './assets.ts';
import { registerDesignReference } from './design-reference.ts';

describe('web assets', () => {
  const app = Fastify();
  beforeAll(async () => {
    await registerWebAssets(app);
  });
  afterAll(() => app.close());

  it('serves one stylesheet with the design tokens, the components, the font and our own rules', async () => {
    const res = await app.inject(assetUrl('loket.css'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.body).toContain('.utrecht-theme {');
    expect(res.body).toContain('.utrecht-button {');
    expect(res.body).toContain('.loket-visually-hidden');
    expect(res.body).toContain("font-family:'Noto Sans Variable'");
    expect(res.body.match(/@charset/g)).toHaveLength(1);
    expect(res.body.startsWith('@charset "UTF-8";')).toBe(true);
  });

  it('lets browsers cache them for a year, because the name changes when the content does', async () => {
    const res = await app.inject(assetUrl('loket.css'));
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(assetUrl('loket.css')).toMatch(/^\/assets\/loket\.[0-9a-f]{10}\.css$/);
  });

  it('serves the fonts and icons the stylesheet points at', async () => {
    const css = (await app.inject(assetUrl('loket.css'))).body;
    const urls = [...css.matchAll(/url\("?(\/assets\/[^")]+)"?\)/g)].map((m) => m[1]);
    expect(urls).toContain(assetUrl('noto-sans-latin-wght-normal.woff2'));
    expect(urls).toContain(assetUrl('arrow-dropdown.svg'));
    for (const url of new Set(urls)) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control']).toContain('immutable');
    }
    const font = await app.inject(assetUrl('noto-sans-latin-wght-normal.woff2'));
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.rawPayload.subarray(0, 4).toString()).toBe('wOF2');
  });

  it('sends the stylesheet compressed when the browser accepts it', async () => {
    const plain = (await app.inject(assetUrl('loket.css'))).rawPayload;
    const br = await app.inject({
      url: assetUrl('loket.css'),
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).equals(plain)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(plain.length / 5);
    const gz = await app.inject({ url: assetUrl('loket.css'), headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain)).toBe(true);
  });

  it('answers an outdated hash with the current file, uncached (pages from the previous version)', async () => {
    const res = await app.inject('/assets/loket.0123456789.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('does not serve anything else', async () => {
    for (const url of ['/assets/package.json', '/assets/..%2F..%2Fpackage.json', '/assets/loket.css.map']) {
      expect((await app.inject(url)).statusCode, url).toBe(404);
    }
  });
});

describe('on the Loket server', () => {
  it('registers routes that say who may use them, and /ontwerp refuses unknown query parameters', async () => {
    const app = createServer(testConfig(), memoryLogger('warn').log, 'test-cookie-secret');
    await registerWebAssets(app);
    await registerDesignReference(app);
    await app.ready();
    expect((await app.inject(assetUrl('loket.css'))).statusCode).toBe(200);
    expect((await app.inject('/ontwerp?pagina=2')).statusCode).toBe(200);
    expect((await app.inject('/ontwerp?pagina=99')).statusCode).toBe(400);
    expect((await app.inject('/ontwerp?onbekend=1')).statusCode).toBe(400);
    const post = await app.inject({
      method: 'POST',
      url: '/ontwerp/formulier',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Jan',
    });
    expect(post.statusCode).toBe(400);
    expect(post.headers['content-type']).toBe('text/html; charset=utf-8');
    await app.close();
  });
});
