// The few parts of newman's Node API the conformance runner uses (newman ships no types).
declare module 'newman' {
  import type { EventEmitter } from 'node:events';

  export interface NewmanRunOptions {
    collection: string | object;
    envVar?: { key: string; value: string }[];
    reporters?: string | string[];
    /** Whole run, request and script time limits in ms (0 = none). */
    timeout?: number;
    timeoutRequest?: number;
    timeoutScript?: number;
    color?: 'on' | 'off' | 'auto';
    [option: string]: unknown;
  }

  export interface NewmanRunSummary {
    collection: { toJSON(): unknown };
    run: {
      executions: never[];
      stats: Record<string, { total: number; pending: number; failed: number }>;
      error?: unknown;
    };
    error?: Error;
  }

  export function run(
    options: NewmanRunOptions,
    callback?: (err: Error | null, summary: NewmanRunSummary) => void,
  ): EventEmitter;

  const newman: { run: typeof run };
  export default newman;
}
