/**
 * Parsing FEEL once: feelin exposes its lezer parser (`parseExpression`); we cache the tree per
 * expression text and derive what validation and compilation need (syntax errors, references).
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parseExpression } from 'feelin';

export interface SyntaxProblem {
  from: number;
  to: number;
  message: string;
}

export interface ParsedFeel {
  expression: string;
  tree: Tree;
  syntaxErrors: SyntaxProblem[];
  /** Free variable names the expression reads (not function names, not names it binds itself). */
  references: string[];
  /** Names of functions it calls by name. */
  functions: string[];
  /** Whether it calls a function whose name is a FEEL special form (e.g. `years and months duration`). */
  specialFunctions: string[];
}

const cache = new Map<string, ParsedFeel>();

/** Tokens that carry no value of their own in the tree. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', '.', '..', ':']);

/** The non-skipped children of a node, in order. */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (!c.type.isSkipped) out.push(c);
  return out;
}

/** The children that are sub-expressions (no punctuation). */
export function operands(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => !PUNCTUATION.has(c.name));
}

export function textOf(node: SyntaxNode, src: string): string {
  return src.slice(node.from, node.to);
}

/** The name a VariableName / PathName / Name node stands for: its identifiers joined by one space. */
export function nameOf(node: SyntaxNode, src: string): string {
  const ids = children(node).filter((c) => c.name === 'Identifier' || c.name === 'BacktickIdentifier');
  if (ids.length === 0) return textOf(node, src).replace(/\s{2,}/g, ' ');
  return ids.map((c) => textOf(c, src).replace(/`/g, '')).join(' ');
}

function lineCol(src: string, pos: number): string {
  const before = src.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

export function parseFeel(expression: string): ParsedFeel {
  const cached = cache.get(expression);
  if (cached) return cached;

  const tree = parseExpression(expression, {}, undefined);
  const syntaxErrors: SyntaxProblem[] = [];
  const refs = new Set<string>();
  const functions = new Set<string>();
  const specialFunctions = new Set<string>();
  const bound = new Set<string>(['item', 'partial']);

  if (expression.trim() === '') {
    syntaxErrors.push({ from: 0, to: 0, message: 'empty expression' });
  }
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) {
        const near = expression.slice(Math.max(0, ref.from - 10), ref.to + 10).trim();
        syntaxErrors.push({
          from: ref.from,
          to: ref.to,
          message: `FEEL syntax error at ${lineCol(expression, ref.from)} near "${near}"`,
        });
        return;
      }
      const node = ref.node;
      switch (node.name) {
        case 'VariableName': {
          const name = nameOf(node, expression);
          const parent = node.parent;
          if (parent?.name === 'FunctionInvocation' && parent.firstChild?.from === node.from)
            functions.add(name);
          else refs.add(name);
          return false;
        }
        case 'SpecialFunctionName':
          specialFunctions.add(textOf(node, expression).replace(/\s+/g, ' '));
          return false;
        // Names an expression binds itself (iteration variables, parameters, context keys) are local.
        case 'InExpression':
        case 'ContextEntry': {
          const first = node.firstChild;
          if (first)
            bound.add(nameOf(first.name === 'Key' ? (first.firstChild ?? first) : first, expression));
          return;
        }
        case 'FormalParameter': {
          const first = node.firstChild;
          if (first) bound.add(nameOf(first, expression));
          return;
        }
      }
    },
  });

  const parsed: ParsedFeel = {
    expression,
    tree,
    syntaxErrors,
    references: [...refs].filter((r) => !bound.has(r)),
    functions: [...functions],
    specialFunctions: [...specialFunctions],
  };
  cache.set(expression, parsed);
  return parsed;
}
