import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

/**
 * No import cycles (docs/ARCHITECTURE.md): a module is loaded before what imports it, never halfway.
 * `import type` is erased before the code runs and does not count; `import { type A }` does (with
 * verbatimModuleSyntax the import itself stays).
 */

const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS = ['src', 'bench', 'scripts'];
const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The files a file loads when it runs: relative and `#src/…` imports, type-only ones left out. */
function runtimeImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[1]) continue;
    const spec = m[2];
    if (spec.startsWith('.')) out.push(resolve(dirname(file), spec));
    else if (spec.startsWith('#src/')) out.push(join(ROOT, 'src', spec.slice('#src/'.length)));
  }
  return out;
}

/** Every cycle, each once, as the list of files from its first file back to it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

it('finds a cycle, and leaves type-only imports out', () => {
  const a = '/x/a.ts';
  expect(runtimeImports(a, "import { b } from './b.ts';\nimport type { C } from './c.ts';")).toEqual([
    '/x/b.ts',
  ]);
  expect(runtimeImports(a, "export { d } from './d.ts';\nimport './e.ts';")).toEqual(['/x/d.ts', '/x/e.ts']);
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  expect(findCycles(new Map([['a', ['b']]]))).toEqual([]);
});

it('has no import cycles in src, bench and scripts', () => {
  const files = FOLDERS.flatMap((f) => sourceFiles(join(ROOT, f)));
  const graph = new Map(files.map((f) => [f, runtimeImports(f, readFileSync(f, 'utf8'))]));
  const cycles = findCycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(' → '));
  expect(cycles).toEqual([]);
});
