/**
 * Compiles a rule into one JavaScript function with `new Function`, from fixed templates
 * only. A closure per node is cheap to build but every call site then sees every kind of
 * node (megamorphic), so V8 cannot inline across nodes; one straight-line function per
 * rule can. See docs/adr/0005-logic-compilation.md.
 *
 * Safety: operator names select a template here and never reach the code; rule values
 * reach it only through {@link literalSource} (JSON-serialised strings, finite numbers)
 * or as `k[i]` (the constants array). JSON Pointers, objects and any other value are
 * constants. Operators without a template run as the closures of the interpreter, called
 * through the constants array, and share the same step counter.
 */
import type { EvalState, Evaluator } from '../compiler.types';
import type { JsonValue } from '../json.types';
import { isReadableSegment, splitPath } from '../data-access';
import type { LogicLimits } from '../limits';
import { CHARACTERS_PER_STEP } from '../operators/string.ops';
import { argumentPath, isLogicNode, operatorOf } from '../rule-shape';
import { CODEGEN_HELPERS, HELPER_NAMES, literalSource } from './codegen.helpers';

/** Compiles a subtree into the interpreter's closures (arity checks and errors included). */
export type ClosureCompiler = (node: unknown, path: string) => Evaluator;

/** Checks the arity of an operator node (throws like the interpreter); returns its arguments. */
export type ArityCheck = (
  node: Record<string, unknown>,
  op: string,
  path: string,
) => readonly unknown[];

/** A generated rule: the same signature and contract as `CompiledRule`. */
type GeneratedRule = (
  data: unknown,
  evalOptions?: { now?: string; calendar?: unknown },
) => JsonValue;

type Factory = (h: typeof CODEGEN_HELPERS, k: unknown[], st: EvalState) => GeneratedRule;

/**
 * Generated statements. A nested list is a block whose statements are still being
 * written when it is placed (flattened iteratively: no recursion on rule width).
 */
type Lines = (string | Lines)[];

function flatten(lines: Lines): string[] {
  const flat: string[] = [];
  const stack: { lines: Lines; next: number }[] = [{ lines, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { lines: Lines; next: number };
    if (top.next >= top.lines.length) {
      stack.pop();
      continue;
    }
    const line = top.lines[top.next++] as string | Lines;
    if (typeof line === 'string') flat.push(line);
    else stack.push({ lines: line, next: 0 });
  }
  return flat;
}

/** Whether this environment allows `new Function` (a browser CSP may forbid it). */
let available: boolean | undefined;

export function codegenAvailable(): boolean {
  if (available === undefined) {
    try {
      available = (new Function('return 1') as () => number)() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}

/** Truthiness of a local, inline (`isTruthy` without the call). */
function truthy(name: string): string {
  return `(isArray(${name}) ? ${name}.length > 0 : !!${name})`;
}

class Generator {
  private readonly constants: unknown[] = [];
  private locals = 0;
  /** Set once a closure runs inside the rule: it reads the clock and charges `st.steps`. */
  private sharesState = false;
  /** Set once the rule charges steps while running (aggregates, `in`). */
  private charges = false;

  constructor(
    private readonly limits: LogicLimits,
    private readonly closures: ClosureCompiler,
    private readonly arity: ArityCheck,
  ) {}

  /** A new local variable name (declared at the top of the function). */
  private local(): string {
    this.locals += 1;
    return `v${this.locals}`;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  /** Charges `amount` (an expression) steps; throws past the budget, located at `path`. */
  private charge(amount: string, path: string): string {
    const max = this.limits.maxSteps;
    this.charges = true;
    return `S += ${amount}; if (S > ${max}) throw stepLimit(${max}, ${this.constant(path)});`;
  }

  /**
   * Emits the statements computing `node` against the data in local `data` into `out`
   * and returns an expression for its value (a local or a literal, cheap to repeat).
   */
  value(node: unknown, path: string, data: string, out: Lines): string {
    if (Array.isArray(node)) {
      const items = node.map((item, i) => this.value(item, `${path}/${i}`, data, out));
      const result = this.local();
      out.push(`${result} = [${items.join(', ')}];`);
      return result;
    }
    if (!isLogicNode(node)) {
      // Rule-like objects that are not rules come back as they are (same object).
      return literalSource(node) ?? this.constant(node);
    }
    const op = operatorOf(node);
    const args = this.arity(node, op, path);
    const argPath = (i: number): string => argumentPath(path, node, op, i);
    const arg = (i: number): string =>
      i < args.length ? this.value(args[i], argPath(i), data, out) : 'undefined';
    const result = this.local();
    switch (op) {
      case 'var':
        if (!this.variable(args, argPath, data, result, out)) break;
        return result;
      case '==':
      case '!=': {
        const [a, b] = [arg(0), arg(1)];
        const equal = `(typeof ${a} === typeof ${b} && typeof ${a} !== 'object' ? ${a} === ${b} : looseEquals(${a}, ${b}))`;
        out.push(`${result} = ${op === '==' ? equal : `!${equal}`};`);
        return result;
      }
      case '===':
      case '!==': {
        const [a, b] = [arg(0), arg(1)];
        out.push(`${result} = ${a} ${op} ${b};`);
        return result;
      }
      case '<':
      case '<=':
      case '>':
      case '>=':
        if ((op === '<' || op === '<=') && args.length >= 3) break;
        out.push(`${result} = ${this.ordering(op, arg(0), arg(1))};`);
        return result;
      case '!':
      case '!!': {
        const a = arg(0);
        out.push(`${result} = ${op === '!' ? '!' : ''}${truthy(a)};`);
        return result;
      }
      case 'and':
      case 'or':
        this.junction(op, args, argPath, data, result, out);
        return result;
      case 'if':
      case '?:':
        this.conditional(args, argPath, data, result, out);
        return result;
      case '+': {
        const terms = args.map((_, i) => `parseFloatValue(${arg(i)})`);
        out.push(`${result} = ${['0', ...terms].join(' + ')};`);
        return result;
      }
      case '*': {
        const first = arg(0);
        if (args.length === 1) {
          out.push(`${result} = ${first};`);
          return result;
        }
        const second = arg(1);
        out.push(`${result} = parseFloatValue(${first}) * parseFloatValue(${second});`);
        for (let i = 2; i < args.length; i++) {
          const next = arg(i);
          out.push(`${result} = parseFloatValue(${result}) * parseFloatValue(${next});`);
        }
        return result;
      }
      case '-': {
        const a = arg(0);
        if (args.length < 2) {
          out.push(`${result} = -toNumber(${a});`);
          return result;
        }
        const b = arg(1);
        out.push(
          `${result} = ${b} === undefined ? -toNumber(${a}) : toNumber(${a}) - toNumber(${b});`,
        );
        return result;
      }
      case '/':
      case '%': {
        const [a, b] = [arg(0), arg(1)];
        out.push(`${result} = toNumber(${a}) ${op} toNumber(${b});`);
        return result;
      }
      case 'min':
      case 'max': {
        const pick = op === 'min' ? 'mathMin' : 'mathMax';
        out.push(`${result} = ${op === 'min' ? 'Infinity' : '-Infinity'};`);
        for (let i = 0; i < args.length; i++) {
          const a = arg(i);
          out.push(`${result} = ${pick}(${result}, toNumber(${a}));`);
        }
        return result;
      }
      case 'round': {
        const a = arg(0);
        const digits = args.length > 1 ? `toNumber(${arg(1)})` : '0';
        out.push(`${result} = round(toNumber(${a}), ${digits});`);
        return result;
      }
      case 'sum':
      case 'count':
      case 'avg': {
        // With a row condition: the closure (the condition reads each row).
        if (args.length > 2) break;
        const [rows, field] = [arg(0), arg(1)];
        const key = args[1];
        if (op === 'sum' && typeof key === 'string' && isReadableSegment(key)) {
          this.sumOfField(rows, literalSource(key) as string, result, out, path);
          return result;
        }
        const fold = op === 'sum' ? 'sumOf' : op === 'count' ? 'countOf' : 'averageOf';
        const charged = this.charge(`${rows}.length`, path);
        out.push(
          `if (isArray(${rows})) { ${charged} ${result} = ${fold}(${rows}, ${field}); } else ${result} = ${fold}([], ${field});`,
        );
        return result;
      }
      case 'in':
        this.membership(args, argPath, data, result, out, path);
        return result;
      default:
        break;
    }
    // No template for this operator: the interpreter's closure, through the constants.
    this.sharesState = true;
    const closure = this.constant(this.closures(node, path));
    out.push(`st.steps = S; ${result} = ${closure}(${data}); S = st.steps;`);
    return result;
  }

  /** `sum` of a literal field over rows, as a loop (the hot aggregate of sub-forms). */
  private sumOfField(rows: string, key: string, result: string, out: Lines, path: string): void {
    const index = this.local();
    const item = this.local();
    out.push(
      `${result} = 0;`,
      `if (isArray(${rows})) {`,
      [
        this.charge(`${rows}.length`, path),
        `for (${index} = 0; ${index} < ${rows}.length; ${index}++) {`,
        [
          `${item} = ${rows}[${index}];`,
          `if (typeof ${item} === 'object' && ${item} !== null) { t = ${item}[${key}]; ${item} = t !== undefined && ((getPrototypeOf(${item}) === objectPrototype && t !== objectPrototype[${key}]) || hasOwn(${item}, ${key})) ? t : undefined; } else ${item} = readOwn(${item}, ${key});`,
          `if (typeof ${item} === 'number' && isFinite(${item})) ${result} += ${item};`,
        ],
        '}',
      ],
      '}',
    );
  }

  private ordering(op: '<' | '<=' | '>' | '>=', a: string, b: string): string {
    const [left, right] = op === '>' || op === '>=' ? [b, a] : [a, b];
    const compare = op === '<' || op === '>' ? 'lessThan' : 'lessOrEqual';
    const native = op === '<' || op === '>' ? '<' : '<=';
    return `(typeof ${left} === 'number' && typeof ${right} === 'number' ? ${left} ${native} ${right} : ${compare}(${left}, ${right}))`;
  }

  /** `var` with a literal path; returns false (no code emitted) for a computed path. */
  private variable(
    args: readonly unknown[],
    argPath: (i: number) => string,
    data: string,
    result: string,
    out: Lines,
  ): boolean {
    if (args.length === 0) {
      out.push(`${result} = ${data};`);
      return true;
    }
    const path = args[0];
    if (typeof path === 'object' && path !== null) return false;
    const segments = splitPath(path);
    if (segments === null) {
      out.push(`${result} = ${data};`);
      return true;
    }
    if (segments.every(isReadableSegment)) {
      // Own properties only. A plain object's value that differs from Object.prototype's
      // cannot be inherited, and V8 folds that test for a known shape; anything else asks
      // `hasOwn` (arrays, class instances, null prototypes, a polluted prototype's value).
      out.push(`${result} = ${data};`);
      for (const segment of segments) {
        const key = literalSource(segment) as string;
        out.push(
          `if (typeof ${result} === 'object' && ${result} !== null) { t = ${result}[${key}]; ${result} = t !== undefined && ((getPrototypeOf(${result}) === objectPrototype && t !== objectPrototype[${key}]) || hasOwn(${result}, ${key})) ? t : undefined; } else if (${result} !== undefined) ${result} = readOwn(${result}, ${key});`,
        );
      }
    } else {
      out.push(`${result} = undefined;`);
    }
    const fallback: Lines = [];
    const value = args.length > 1 ? this.value(args[1], argPath(1), data, fallback) : 'null';
    fallback.push(`${result} = ${value} === undefined ? null : ${value};`);
    out.push(`if (${result} === undefined) {`, fallback, '}');
    return true;
  }

  /** `and` / `or`: operands evaluated in order until one decides. */
  private junction(
    op: 'and' | 'or',
    args: readonly unknown[],
    argPath: (i: number) => string,
    data: string,
    result: string,
    out: Lines,
  ): void {
    if (args.length === 0) {
      out.push(`${result} = null;`);
      return;
    }
    let block = out;
    args.forEach((node, i) => {
      const value = this.value(node, argPath(i), data, block);
      block.push(`${result} = ${value};`);
      if (i === args.length - 1) return;
      const inner: Lines = [];
      block.push(`if (${op === 'and' ? '' : '!'}${truthy(result)}) {`, inner, '}');
      block = inner;
    });
  }

  /** `if` / `?:`: condition/consequent pairs, then an optional else (null without one). */
  private conditional(
    args: readonly unknown[],
    argPath: (i: number) => string,
    data: string,
    result: string,
    out: Lines,
  ): void {
    if (args.length === 0) {
      out.push(`${result} = null;`);
      return;
    }
    if (args.length === 1) {
      out.push(`${result} = ${this.value(args[0], argPath(0), data, out)};`);
      return;
    }
    let block = out;
    let i = 0;
    for (; i + 1 < args.length; i += 2) {
      const condition = this.value(args[i], argPath(i), data, block);
      const then: Lines = [];
      const consequent = this.value(args[i + 1], argPath(i + 1), data, then);
      then.push(`${result} = ${consequent};`);
      const otherwise: Lines = [];
      block.push(`if (${truthy(condition)}) {`, then, '} else {', otherwise, '}');
      block = otherwise;
    }
    const fallback = i < args.length ? this.value(args[i], argPath(i), data, block) : 'null';
    block.push(`${result} = ${fallback};`);
  }

  /** `in`: substring of a string, strict member of an array, else false. */
  private membership(
    args: readonly unknown[],
    argPath: (i: number) => string,
    data: string,
    result: string,
    out: Lines,
    path: string,
  ): void {
    const needle = args.length > 0 ? this.value(args[0], argPath(0), data, out) : 'undefined';
    const list = args[1];
    // A literal list of primitives cannot escape `in`: share one array instead of one per call.
    const fixed =
      Array.isArray(list) && list.every((item) => typeof item !== 'object' || item === null);
    const haystack = fixed
      ? this.constant([...(list as unknown[])])
      : args.length > 1
        ? this.value(list, argPath(1), data, out)
        : 'undefined';
    const h = this.local();
    const stringCharge = this.charge(`mathCeil(${h}.length / ${CHARACTERS_PER_STEP})`, path);
    const arrayCharge = this.charge(`${h}.length`, path);
    out.push(
      `${h} = ${haystack};`,
      `if (typeof ${h} === 'string') { if (${h} === '') ${result} = false; else { ${stringCharge} ${result} = ${h}.includes(toStringValue(${needle})); } }`,
      `else if (isArray(${h})) { ${arrayCharge} ${result} = ${h}.indexOf(${needle}) !== -1; } else ${result} = false;`,
    );
  }

  /**
   * The source of the factory: helpers bound to locals, then the rule as one function.
   * The step counter `S` is a local, handed to `st.steps` around each closure call (the
   * closures charge there); a rule that never charges needs no counter at all, since its
   * node count was checked against the budget at compile time.
   */
  source(rule: unknown, nodes: number): string {
    const body: Lines = [];
    const value = this.value(rule, '', 'd', body);
    const locals = Array.from({ length: this.locals }, (_, i) => `v${i + 1}`);
    const prologue = [
      ...(this.sharesState || this.charges ? [`let S = ${nodes};`] : []),
      ...(this.sharesState
        ? [
            'st.now = o === undefined || o === null ? undefined : o.now;',
            'st.calendar = o === undefined || o === null ? undefined : o.calendar;',
          ]
        : []),
    ];
    return [
      '"use strict";',
      `const { ${HELPER_NAMES.join(', ')} } = h;`,
      'return function rule(data, o) {',
      ...prologue,
      'const d = data === undefined ? null : data;',
      `let t${locals.map((name) => `, ${name}`).join('')};`,
      ...flatten(body),
      `return ${value} === undefined ? null : ${value};`,
      '};',
    ].join('\n');
  }

  build(rule: unknown, nodes: number, state: EvalState): GeneratedRule {
    const source = this.source(rule, nodes);
    const factory = new Function('h', 'k', 'st', source) as Factory;
    return factory(CODEGEN_HELPERS, this.constants, state);
  }
}

/**
 * Generates the function of a rule that passed the size and depth walk. Throws the
 * interpreter's compile errors (unknown operator, wrong arity) for the same rules.
 */
export function generateRule(
  rule: unknown,
  nodes: number,
  env: { limits: LogicLimits; state: EvalState },
  closures: ClosureCompiler,
  arity: ArityCheck,
): GeneratedRule {
  return new Generator(env.limits, closures, arity).build(rule, nodes, env.state);
}

/** The generated source of a rule (for tests that check what reaches the code). */
export function generatedSource(
  rule: unknown,
  nodes: number,
  limits: LogicLimits,
  closures: ClosureCompiler,
  arity: ArityCheck,
): string {
  return new Generator(limits, closures, arity).source(rule, nodes);
}
