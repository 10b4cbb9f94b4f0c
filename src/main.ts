import { createLoket } from './app.ts';
import { DEMO_API_CLIENT } from './demo/organisations.ts';
import { ConfigError, loadConfig } from './platform/config.ts';

const started = performance.now();
let config: ReturnType<typeof loadConfig>;
try {
  // `npm start` runs the demo unless told otherwise; production sets LOKET_DEMO=0.
  config = loadConfig({ ...process.env, LOKET_DEMO: process.env.LOKET_DEMO || '1' });
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Loket kan niet starten: ${err.message}`);
    process.exit(2);
  }
  throw err;
}

const loket = await createLoket(config);
await loket.start();

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const lines = [
  `Loket draait (${loket.database.backend}${config.databaseUrl ? '' : `, data in ${config.dataDir}`}) — klaar in ${seconds} s`,
  `  Inwoners:          ${config.baseUrl}/`,
  `  Medewerkers:       ${config.baseUrl}/werkplek`,
  `  Gezondheid:        ${config.baseUrl}/health/ready`,
  `  Loket API:         ${config.baseUrl}/loket/api/v1/schema/openapi.json`,
];
if (config.demo) {
  lines.push(
    `  Demo API-client:   client_id=${DEMO_API_CLIENT.clientId} secret=${DEMO_API_CLIENT.secret} (HS256 JWT)`,
  );
}
console.log(lines.join('\n'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    loket.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await loket.stop();
    process.exit(0);
  });
}
