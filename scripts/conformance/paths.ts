import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SuitePaths {
  /** LOKET_SHARED_DIR, default `../shared` from the repo root. */
  sharedDir: string;
  postmanDir: string;
  collection: string;
  fixtures: string;
  selectielijstData: string;
}

/** Where the ZGW suite and the public data live; nothing of it is copied into the repo. */
export function suitePaths(env: NodeJS.ProcessEnv = process.env): SuitePaths {
  const sharedDir = env.LOKET_SHARED_DIR ? resolve(env.LOKET_SHARED_DIR) : resolve(REPO_ROOT, '..', 'shared');
  const postmanDir = join(sharedDir, 'specs', 'zgw', 'postman');
  return {
    sharedDir,
    postmanDir,
    collection: join(postmanDir, 'ZGW_api_postman_tests.json'),
    fixtures: join(postmanDir, 'fixtures'),
    selectielijstData: join(sharedDir, 'data', 'selectielijst', 'referentielijsten-api'),
  };
}
