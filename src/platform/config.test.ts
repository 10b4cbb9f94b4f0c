import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { DEFAULT_POOL_SIZE } from './db/database.ts';

describe('loadConfig', () => {
  it('keeps the default number of database connections unless LOKET_DB_POOL says otherwise', () => {
    expect(loadConfig({}).databasePoolSize).toBe(DEFAULT_POOL_SIZE);
    expect(loadConfig({ LOKET_DB_POOL: '' }).databasePoolSize).toBe(DEFAULT_POOL_SIZE);
    expect(loadConfig({ LOKET_DB_POOL: '12' }).databasePoolSize).toBe(12);
  });

  it('refuses a pool too small to both listen and run statements, or not a number', () => {
    expect(() => loadConfig({ LOKET_DB_POOL: '1' })).toThrow(/LOKET_DB_POOL must be at least 2/);
    expect(() => loadConfig({ LOKET_DB_POOL: 'veel' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOKET_DB_POOL: '2.5' })).toThrow(/whole number/);
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
  });
});
