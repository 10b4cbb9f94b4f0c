/**
 * What the counter compactor costs per 1,000 deltas (creates spread over 100 zaaktypen and 5 confidentiality
 * levels, all in this month), on the seeded database, each pass in a transaction that is rolled back:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench BENCH_ZAKEN_SCHEMA=bench1m \
 *     npx tsx bench/zaken/compact-cost.ts
 */
import { sql } from 'kysely';
import { openDatabase } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { bucketOf, compactCounts } from '../../src/zaken/store.ts';
import { SEED_DEFAULTS } from './seed.ts';

const url = process.env.DATABASE_URL || SEED_DEFAULTS.url;
const schema = process.env.BENCH_ZAKEN_SCHEMA || SEED_DEFAULTS.schema;
const database = await openDatabase({ url, schema, poolSize: 1 });
const org = (
  await sql<{ org: string }>`select min(organisation_id) as org from zrc_zaak`.execute(database.db)
).rows[0].org;
const bucket = bucketOf(new Date());
const PASSES = 15;
const times: number[] = [];
class Rollback extends Error {}
for (let i = 0; i < PASSES; i++) {
  await inTransaction(database.db, async (trx) => {
    await sql`insert into zrc_zaak_count_delta (organisation_id, zaaktype_key, rank, bucket, n)
      select ${org}, 1 + g % 100, g % 5, ${bucket}, 1 from generate_series(1, 1000) g`.execute(trx);
    const start = performance.now();
    await compactCounts(trx);
    times.push(performance.now() - start);
    throw new Rollback();
  }).catch((err) => {
    if (!(err instanceof Rollback)) throw err;
  });
}
times.sort((x, y) => x - y);
console.log(
  `compaction of 1,000 deltas: median ${times[PASSES >> 1].toFixed(1)} ms, min ${times[0].toFixed(1)} ms (${PASSES} passes)`,
);
await database.close();
