import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loketMigrations } from '../app.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { describeBackends } from '../testing/backends.ts';
import { pullStream } from './storage.ts';
import { type DocumentenTestbed, DRC, documentenTestbed, eioBody, publishedType } from './test-support.ts';

const MiB = 1024 * 1024;
const PART = 32 * MiB;
const SIZE = 3 * PART + 12345;
const BODY_LIMIT = 256 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Deterministic bytes of any length, made on the fly (the test never holds the file either). */
function* fileBytes(from: number, length: number): Generator<Buffer> {
  const block = 64 * 1024;
  for (let at = from; at < from + length; at += block) {
    const n = Math.min(block, from + length - at);
    const chunk = Buffer.alloc(n);
    // Byte k of the file is a simple function of k, so any slice can be made without the rest.
    for (let i = 0; i < n; i++) {
      const k = at + i;
      chunk[i] = (Math.imul(k, 0x9e3779b1) ^ (k >>> 11)) & 0xff;
    }
    yield chunk;
  }
}

function multipart(lock: string, content: Iterable<Buffer>): { body: ReadableStream; type: string } {
  const boundary = `----loket${crypto.randomUUID()}`;
  const parts = function* () {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n${lock}\r\n`);
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    yield* content;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  };
  return {
    body: pullStream(Readable.from(parts())),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * Peak of live heap + buffers above the start. Samples are cheap; only a sample above `threshold` is
 * checked with a full GC, so garbage that is merely not yet collected does not count as held memory.
 */
function memoryWatch(threshold: number) {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  const start = used();
  let peak = 0;
  let lastGc = 0;
  const sample = (force = false) => {
    const grown = used() - start;
    if (grown <= threshold) peak = Math.max(peak, grown);
    // A full GC costs tens of milliseconds: at most a few per second, only when the cheap sample is high.
    else if (force || Date.now() - lastGc > 250) {
      gc();
      lastGc = Date.now();
      peak = Math.max(peak, used() - start);
    }
  };
  const timer = setInterval(() => sample(), 25);
  return () => {
    clearInterval(timer);
    sample(true);
    return peak;
  };
}

describeBackends('Documenten API bestandsdelen', (database, backend) => {
  let bed: DocumentenTestbed;
  let type: string;
  let onDisk: { database: Database; dir: string } | undefined;

  beforeAll(async () => {
    let db = database();
    if (backend === 'pglite') {
      // PGlite as `npm start` runs it: on disk. In memory its WAL files would sit in this process's memory
      // and drown the measurement below.
      const dir = await mkdtemp(join(tmpdir(), 'loket-drc-pglite-'));
      onDisk = { database: await openDatabase({ dataDir: dir }), dir };
      await migrateToLatest(onDisk.database, loketMigrations());
      db = onDisk.database;
    }
    bed = await documentenTestbed(db, {
      bodyLimit: BODY_LIMIT,
      documents: { s3: null, partSize: PART },
    });
    type = await publishedType(bed.as, bed.catalogus);
  });
  afterAll(async () => {
    await bed.stop();
    await onDisk?.database.close();
    if (onDisk) await rm(onDisk.dir, { recursive: true, force: true });
  });

  const put = (url: string, lock: string, content: Iterable<Buffer>) => {
    const form = multipart(lock, content);
    return bed.fetch(url, {
      method: 'PUT',
      body: form.body,
      headers: { 'content-type': form.type },
      duplex: 'half',
      // Without this, fetch keeps a copy of the whole body in case a redirect needs it sent again.
      redirect: 'error',
    } as RequestInit);
  };

  it('uploads a file far larger than the body limit in parts, streamed, and joins them on unlock', async () => {
    expect(SIZE).toBeGreaterThan(10 * BODY_LIMIT);
    const tooBig = await bed.as('POST', `${DRC}/enkelvoudiginformatieobjecten`, {
      ...eioBody(type),
      inhoud: Buffer.alloc(BODY_LIMIT).toString('base64'),
    });
    expect(tooBig.status).toBe(413);

    const created = await bed.as('POST', `${DRC}/enkelvoudiginformatieobjecten`, {
      ...eioBody(type, { bestandsnaam: 'groot.bin' }),
      inhoud: null,
      bestandsomvang: SIZE,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { lock, bestandsdelen, url } = created.body;
    expect(created.body).toMatchObject({ locked: true, inhoud: null, bestandsomvang: SIZE });
    expect(bestandsdelen.map((d: { omvang: number }) => d.omvang)).toEqual([PART, PART, PART, 12345]);
    expect(
      bestandsdelen.every((d: { voltooid: boolean; lock: string }) => !d.voltooid && d.lock === lock),
    ).toBe(true);

    const wrongLock = await put(bestandsdelen[0].url, 'fout', fileBytes(0, 10));
    expect((await wrongLock.json()).invalidParams[0].code).toBe('incorrect-lock-id');
    const wrongSize = await put(bestandsdelen[3].url, lock, fileBytes(0, 100));
    expect(wrongSize.status).toBe(400);
    expect((await wrongSize.json()).invalidParams[0].code).toBe('file-size');

    const expected = createHash('sha256');
    for (const chunk of fileBytes(0, SIZE)) expected.update(chunk);

    // One small upload first, so what the database and the server set up once is not counted below.
    const small = (
      await bed.as('POST', `${DRC}/enkelvoudiginformatieobjecten`, {
        ...eioBody(type),
        inhoud: null,
        bestandsomvang: 3,
      })
    ).body;
    expect((await put(small.bestandsdelen[0].url, small.lock, [Buffer.from('abc')])).status).toBe(200);
    expect((await bed.as('POST', `${small.url}/unlock`, { lock: small.lock })).status).toBe(204);
    expect(await (await bed.fetch(`${small.url}/download`)).text()).toBe('abc');

    const peak = memoryWatch(PART);
    for (const [i, deel] of bestandsdelen.slice(0, 3).entries()) {
      const res = await put(deel.url, lock, fileBytes(i * PART, deel.omvang));
      expect(res.status, await res.clone().text()).toBe(200);
      expect((await res.json()).voltooid).toBe(true);
    }
    const early = await bed.as('POST', `${url}/unlock`, { lock });
    expect(early.body.invalidParams[0].code).toBe('incomplete-upload');
    expect((await put(bestandsdelen[3].url, lock, fileBytes(3 * PART, 12345))).status).toBe(200);
    expect((await bed.as('POST', `${url}/unlock`, { lock })).status).toBe(204);
    // A part is 32 MiB and the file 96 MiB: holding a part (or the file) whole would reach PART. Streaming
    // stays well below it (~5-15 MiB here, up to ~24 MiB on a loaded machine: the client in this same process,
    // PGlite's WebAssembly memory and garbage not yet collected all count).
    expect(peak()).toBeLessThan(PART);
    const after = (await bed.as('GET', url)).body;
    expect(after).toMatchObject({ locked: false, bestandsdelen: [], bestandsomvang: SIZE, versie: 1 });
    const download = await bed.fetch(after.inhoud);
    expect(download.headers.get('content-length')).toBe(String(SIZE));
    const actual = createHash('sha256');
    for await (const chunk of Readable.fromWeb(download.body as never)) actual.update(chunk as Buffer);
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
  }, 180_000);

  it('splits an update with a new bestandsomvang into parts, and a forced unlock of an unfinished upload drops them', async () => {
    const eio = (await bed.as('POST', `${DRC}/enkelvoudiginformatieobjecten`, eioBody(type))).body;
    const { lock } = (await bed.as('POST', `${eio.url}/lock`)).body;
    const updated = await bed.as('PATCH', eio.url, { inhoud: null, bestandsomvang: PART + 1, lock });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ versie: 2, inhoud: null });
    expect(updated.body.bestandsdelen.map((d: { omvang: number }) => d.omvang)).toEqual([PART, 1]);
    expect((await put(updated.body.bestandsdelen[1].url, lock, [Buffer.from('x')])).status).toBe(200);
    expect((await bed.as('POST', `${eio.url}/unlock`)).status).toBe(204);
    const after = (await bed.as('GET', eio.url)).body;
    expect(after).toMatchObject({ locked: false, bestandsdelen: [], inhoud: null, bestandsomvang: null });
    const v1 = await bed.fetch(`${eio.url}/download?versie=1`);
    expect(await v1.text()).toBe('Dit is de brief.');
  }, 60_000);
});
