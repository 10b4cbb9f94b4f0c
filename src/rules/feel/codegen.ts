/**
 * FEEL → a generated JavaScript function per expression, for the nodes hot rules consist of:
 * literals, variables, arithmetic, comparisons, and/or, if-then-else, function calls and date parts.
 * V8 optimises such a function as a whole, which is several times faster than a tree of closures.
 *
 * Safety: the generated source contains only slot indices, temporaries, operators and literals
 * (strings via JSON.stringify); every value that is not a literal (functions, helpers, dates) is passed
 * in through the helper array `h`, never spelled out as code. Semantics are the closures' (closures.ts):
 * the same fast paths, the same helpers (runtime.ts) for the rest, and any other node is delegated to
 * its closure. Where code generation is not allowed (`--disallow-code-generation-from-strings`), the
 * caller uses the closures.
 */
import type { SyntaxNode } from '@lezer/common';
import { lookupBuiltin, OVERRIDE_CONTEXT, OVERRIDES } from './builtins.ts';
import { compileNode, NO_LOCALS, plainString, type State } from './closures.ts';
import type { CompiledFn } from './compile.ts';
import { children, nameOf, operands, textOf } from './parse.ts';
import { builtinInvoker, equalityRest, orderedRest, pathGetter, slowArithmetic } from './runtime.ts';

const GENERATED = new Set([
  'Expression',
  'ParenthesizedExpression',
  'NumericLiteral',
  'StringLiteral',
  'BooleanLiteral',
  'null',
  'VariableName',
  'ArithmeticExpression',
  'Comparison',
  'Disjunction',
  'Conjunction',
  'IfExpression',
  'FunctionInvocation',
  'PathExpression',
]);

const isNum = (x: string) => `typeof ${x} === "number"`;

class Generator {
  readonly helpers: unknown[] = [];
  lines: string[] = [];
  private count = 0;

  constructor(private readonly st: State) {}

  private helper(value: unknown): string {
    this.helpers.push(value);
    return `h[${this.helpers.length - 1}]`;
  }

  private temp(expression: string): string {
    const name = `t${this.count++}`;
    this.lines.push(`const ${name} = ${expression};`);
    return name;
  }

  private literal(value: unknown): string {
    if (typeof value === 'number')
      return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : this.helper(value);
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'boolean' || value === null) return String(value);
    return this.helper(value);
  }

  /** A node the generator does not translate: its closure. */
  private delegate(node: SyntaxNode): string {
    return this.temp(`${this.helper(compileNode(node, this.st, NO_LOCALS))}(s, l)`);
  }

  /** Emits statements for `node` and returns an operand: a literal, a temporary or a slot read. */
  gen(node: SyntaxNode): string {
    const src = this.st.src;
    switch (node.name) {
      case 'Expression':
      case 'ParenthesizedExpression': {
        const ops = operands(node);
        return ops.length === 1 ? this.gen(ops[0]) : this.delegate(node);
      }
      case 'NumericLiteral': {
        const t = textOf(node, src);
        return this.literal(t.includes('.') ? Number.parseFloat(t) : Number.parseInt(t, 10));
      }
      case 'StringLiteral': {
        const t = textOf(node, src);
        return t.includes('\\') ? this.delegate(node) : this.literal(plainString(t));
      }
      case 'BooleanLiteral':
        return textOf(node, src) === 'true' ? 'true' : 'false';
      case 'null':
        return 'null';
      case 'VariableName': {
        const name = nameOf(node, src);
        const slot = this.st.env.slots.get(name);
        if (slot !== undefined) return `s[${slot}]`;
        return this.helper(OVERRIDE_CONTEXT[name] ?? lookupBuiltin(name) ?? null);
      }
      case 'ArithmeticExpression':
        return this.arithmetic(node);
      case 'Comparison':
        return this.comparison(node);
      case 'Disjunction':
      case 'Conjunction':
        return this.logical(node);
      case 'IfExpression':
        return this.conditional(node);
      case 'FunctionInvocation':
        return this.invocation(node);
      case 'PathExpression': {
        const k = children(node);
        if (k.length !== 3 || k[2].name !== 'PathName') return this.delegate(node);
        const target = this.gen(k[0]);
        return this.temp(`${this.helper(pathGetter(nameOf(k[2], src), textOf(k[2], src)))}(${target})`);
      }
      default:
        return this.delegate(node);
    }
  }

  private arithmetic(node: SyntaxNode): string {
    const k = children(node);
    if (k.length !== 3 && k.length !== 2) return this.delegate(node);
    const op = textOf(k[k.length - 2], this.st.src);
    const x = k.length === 3 ? this.gen(k[0]) : '0';
    const y = this.gen(k[k.length - 1]);
    const slow = `${this.helper(slowArithmetic(op))}(${x}, ${y})`;
    const both = `${isNum(x)} && ${isNum(y)}`;
    switch (op) {
      case '+':
        return this.temp(
          `${both} ? ${x} + ${y} : typeof ${x} === "string" && typeof ${y} === "string" ? ${x} + ${y} : ${slow}`,
        );
      case '-':
      case '*':
        return this.temp(`${both} ? ${x} ${op} ${y} : ${slow}`);
      case '/':
        return this.temp(`${both} ? (!${y} ? null : ${x} / ${y}) : ${slow}`);
      case '**':
      case '^':
        return this.temp(`${both} ? ${x} ** ${y} : ${slow}`);
      default:
        return this.temp(slow);
    }
  }

  private comparison(node: SyntaxNode): string {
    const k = children(node);
    if (k[1]?.name !== 'CompareOp') return this.delegate(node); // between, in: the closures handle them
    const op = textOf(k[1], this.st.src);
    const x = this.gen(k[0]);
    const y = this.gen(k[2]);
    if (op === '=' || op === '!=') {
      const negate = op === '!=';
      const eq = `(${x} === ${y}) !== ${negate}`;
      const primitive = `typeof ${x} === typeof ${y} && (${isNum(x)} || typeof ${x} === "string" || typeof ${x} === "boolean")`;
      return this.temp(
        `${x} === null || ${y} === null ? ${eq} : ${primitive} ? ${eq} : ${this.helper(equalityRest(negate))}(${x}, ${y})`,
      );
    }
    if (!['<', '<=', '>', '>='].includes(op)) return this.delegate(node);
    return this.temp(
      `${isNum(x)} && ${isNum(y)} ? ${x} ${op} ${y} : ${this.helper(orderedRest(op))}(${x}, ${y})`,
    );
  }

  private logical(node: SyntaxNode): string {
    const k = children(node);
    // Like feelin: both sides are evaluated, left first, then three-valued logic.
    const x = this.gen(k[0]);
    const a = this.temp(`typeof ${x} === "boolean" ? ${x} : null`);
    const y = this.gen(k[2]);
    const b = this.temp(`typeof ${y} === "boolean" ? ${y} : null`);
    return node.name === 'Disjunction'
      ? this.temp(`${a} === true || ${b} === true ? true : ${a} === false && ${b} === false ? false : null`)
      : this.temp(`${a} === false || ${b} === false ? false : ${a} === true && ${b} === true ? true : null`);
  }

  private conditional(node: SyntaxNode): string {
    const k = children(node);
    const cond = this.gen(k[1]);
    const result = `t${this.count++}`;
    const branch = (n: SyntaxNode | undefined) => {
      const outer = this.lines;
      this.lines = [];
      const value = n ? this.gen(n) : 'null';
      const body = [...this.lines, `${result} = ${value};`].join('\n');
      this.lines = outer;
      return body;
    };
    const then = branch(k[3]);
    const otherwise = branch(k[5]);
    this.lines.push(
      `let ${result};`,
      `if (${cond} !== false && ${cond} !== null) {\n${then}\n} else {\n${otherwise}\n}`,
    );
    return result;
  }

  private invocation(node: SyntaxNode): string {
    const k = children(node);
    const target = k[0];
    const params = k.find((n) => n.name === 'PositionalParameters' || n.name === 'NamedParameters');
    if (target?.name !== 'VariableName' || params?.name === 'NamedParameters') return this.delegate(node);
    const name = nameOf(target, this.st.src);
    if (this.st.env.slots.has(name)) return this.delegate(node);
    const args = params ? operands(params).map((n) => this.gen(n)) : [];
    const list = args.join(', ');

    const override = OVERRIDES[name];
    if (override) {
      if (args.length > override.params.length) return 'null';
      return this.temp(`${this.helper(override.impl)}(${list})`);
    }
    const invoke = builtinInvoker(name);
    if (invoke === null) return 'null';
    if (invoke === undefined) return this.delegate(node);
    const generic = `${this.helper(invoke)}([${list}])`;
    const allNumbers = args.map(isNum).join(' && ');
    if ((name === 'min' || name === 'max') && args.length > 0) {
      return this.temp(`${allNumbers} ? Math.${name}(${list}) : ${generic}`);
    }
    if (name === 'abs' && args.length === 1)
      return this.temp(`${allNumbers} ? Math.abs(${list}) : ${generic}`);
    if (name === 'not' && args.length === 1)
      return this.temp(`typeof ${list} === "boolean" ? !${list} : null`);
    return this.temp(generic);
  }
}

/**
 * A generated function for the expression, or null when its top node is not one the generator
 * translates (the caller then uses the closures, which classify interpreter fallbacks).
 */
export function generateFunction(root: SyntaxNode, st: State): CompiledFn | null {
  const top = operands(root)[0];
  if (!top || !GENERATED.has(top.name)) return null;
  const g = new Generator(st);
  const result = g.gen(root);
  const source = `"use strict";\nreturn function feelStep(s, l) {\n${g.lines.join('\n')}\nreturn ${result};\n};`;
  try {
    return new Function('h', source)(g.helpers) as CompiledFn;
  } catch (err) {
    if (err instanceof EvalError) return null; // code generation from strings is disabled here
    throw err;
  }
}
