import type { parseExpression } from 'feelin';

/**
 * Compiles the common subset of FEEL conditions (literals, names, paths, comparisons, and/or/not) from
 * feelin's parse tree into plain closures. feelin re-parses and re-builds its interpreter on every call
 * (~100 µs); the closure runs in well under a microsecond. Anything outside the subset — at compile time a
 * construct, at run time an operand type — is handed back to feelin, so the result is always feelin's.
 * conditions.test.ts checks the two agree.
 */

type Tree = ReturnType<typeof parseExpression>;
type SyntaxNode = Tree['topNode'];
export type Context = Record<string, unknown>;
export type Compiled = (ctx: Context) => unknown;

/** Thrown when a compiled expression meets values whose FEEL semantics it does not reproduce. */
export const BAIL: unique symbol = Symbol('bail to feelin');

function children(node: SyntaxNode): SyntaxNode[] {
  const list: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (!c.type.isSkipped) list.push(c);
  return list;
}

/** JSON values are what the subset understands; anything else (functions, Dates, FEEL temporals) bails. */
function checked(v: unknown): unknown {
  if (v === undefined) return null;
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'object' && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)) return v;
  throw BAIL;
}

function equal(a: unknown, b: unknown): boolean {
  if ((a !== null && typeof a === 'object') || (b !== null && typeof b === 'object')) throw BAIL;
  if (a === null || b === null) return a === b;
  if (typeof a !== typeof b) throw BAIL;
  return a === b;
}

// feelin builds a range for < and >, which fails for booleans even against null: only numbers and
// strings (and null) are ordered here.
const orderable = (v: unknown) => v === null || typeof v === 'number' || typeof v === 'string';

function order(a: unknown, b: unknown): number | null {
  if (!orderable(a) || !orderable(b)) throw BAIL;
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw BAIL;
}

const comparisons: Record<string, (a: unknown, b: unknown) => unknown> = {
  '=': equal,
  '!=': (a, b) => !equal(a, b),
  '<': (a, b) => {
    const o = order(a, b);
    return o === null ? null : o < 0;
  },
  '<=': (a, b) => {
    const o = order(a, b);
    return o === null ? null : o <= 0;
  },
  '>': (a, b) => {
    const o = order(a, b);
    return o === null ? null : o > 0;
  },
  '>=': (a, b) => {
    const o = order(a, b);
    return o === null ? null : o >= 0;
  },
};

function compileNode(node: SyntaxNode, src: string): Compiled | null {
  const text = src.slice(node.from, node.to);
  const parts = children(node);
  switch (node.name) {
    case 'Expression':
    case 'ParenthesizedExpression': {
      const inner = parts.filter((p) => p.name !== '(' && p.name !== ')');
      return inner.length === 1 ? compileNode(inner[0], src) : null;
    }
    case 'BooleanLiteral': {
      const value = text === 'true';
      return () => value;
    }
    case 'null':
      return () => null;
    case 'NumericLiteral': {
      if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
      const value = Number(text);
      return () => value;
    }
    case 'StringLiteral': {
      if (text.includes('\\') || text.length < 2) return null;
      const value = text.slice(1, -1);
      return () => value;
    }
    case 'VariableName': {
      if (parts.length !== 1 || parts[0].name !== 'Identifier') return null;
      const name = text;
      return (ctx) => (Object.hasOwn(ctx, name) ? checked(ctx[name]) : null);
    }
    case 'PathExpression': {
      if (parts.length !== 3 || parts[2].name !== 'PathName') return null;
      const base = compileNode(parts[0], src);
      const key = src.slice(parts[2].from, parts[2].to);
      if (!base || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return null;
      return (ctx) => {
        const v = base(ctx);
        if (v === null) return null;
        // FEEL maps a path over a list; strings and numbers have no properties here. feelin decides those.
        if (typeof v !== 'object' || Array.isArray(v)) throw BAIL;
        const o = v as Record<string, unknown>;
        return Object.hasOwn(o, key) ? checked(o[key]) : null;
      };
    }
    case 'Comparison': {
      if (parts.length !== 3 || parts[1].name !== 'CompareOp') return null;
      const op = comparisons[src.slice(parts[1].from, parts[1].to)];
      const left = compileNode(parts[0], src);
      const right = compileNode(parts[2], src);
      if (!op || !left || !right) return null;
      return (ctx) => op(left(ctx), right(ctx));
    }
    case 'Conjunction':
    case 'Disjunction': {
      const joiner = node.name === 'Conjunction' ? 'and' : 'or';
      const operands = parts.filter((p) => p.name !== joiner).map((p) => compileNode(p, src));
      if (operands.length < 2 || operands.some((o) => !o)) return null;
      const fns = operands as Compiled[];
      // Three-valued logic: anything that is not a boolean counts as null. Every operand is evaluated (no
      // short cut) so that an operand feelin would fail on also bails here.
      const decisive = joiner !== 'and';
      return (ctx) => {
        let decided = false;
        let unknown = false;
        for (const fn of fns) {
          const v = fn(ctx);
          if (v === decisive) decided = true;
          else if (v !== !decisive) unknown = true;
        }
        return decided ? decisive : unknown ? null : !decisive;
      };
    }
    case 'FunctionInvocation': {
      if (parts.length !== 4 || src.slice(parts[0].from, parts[0].to) !== 'not') return null;
      if (parts[2].name !== 'PositionalParameters') return null;
      const args = children(parts[2]).filter((p) => p.name !== ',');
      const arg = args.length === 1 ? compileNode(args[0], src) : null;
      if (!arg) return null;
      return (ctx) => {
        if (Object.hasOwn(ctx, 'not')) throw BAIL;
        const v = arg(ctx);
        return v === true ? false : v === false ? true : null;
      };
    }
    default:
      return null;
  }
}

/** A closure for the expression, or null when it uses FEEL beyond the subset. The tree must be error-free. */
export function compileFeel(tree: Tree, src: string): Compiled | null {
  return compileNode(tree.topNode, src);
}

/**
 * Top-level names an expression reads from its context: variables, minus function names and names the
 * expression binds itself (for/some/every, `item` in filters).
 */
export function referencedNames(tree: Tree, src: string): string[] {
  const names = new Set<string>();
  const bound = new Set<string>();
  tree.iterate({
    enter(ref) {
      if (ref.name === 'FilterExpression') bound.add('item');
      if (ref.name === 'Name' && ref.node.parent?.name === 'InExpression')
        bound.add(src.slice(ref.from, ref.to));
      if (ref.name !== 'VariableName') return;
      const parent = ref.node.parent;
      if (parent?.name === 'FunctionInvocation' && parent.firstChild?.from === ref.from) return false;
      names.add(src.slice(ref.from, ref.to));
      return false;
    },
  });
  return [...names].filter((n) => !bound.has(n));
}
