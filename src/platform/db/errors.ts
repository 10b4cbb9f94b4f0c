/** PostgreSQL's SQLSTATE of a failed statement (PostgreSQL and PGlite both put it on `code`). */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique-constraint violation: a concurrent request won between our check and our write. */
export const isUniqueViolation = (err: unknown): boolean => sqlState(err) === '23505';

/**
 * The statement gave way to another transaction: a lock it waited for too long (`lock_timeout`, NOWAIT), a
 * deadlock it was chosen to break, or a serialization conflict. Running the same work again later is right.
 */
export const isLockConflict = (err: unknown): boolean => {
  const code = sqlState(err);
  return code === '55P03' || code === '40P01' || code === '40001';
};
