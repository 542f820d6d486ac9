import { LIMITS } from '../schemas/common.schema';
import { escapePointerToken } from './json-pointer';

export interface JsonLimitViolation {
  path: string;
  message: string;
}

export interface JsonLimits {
  depth: number;
  nodes: number;
  stringLength: number;
}

const definitionLimits: JsonLimits = {
  depth: LIMITS.jsonDepth,
  nodes: LIMITS.jsonNodes,
  stringLength: LIMITS.jsonStringLength,
};

/**
 * Walks a value iteratively (no recursion, so a 10k-deep document cannot overflow the
 * stack) and reports the first place it exceeds the limits. Runs before ajv so that no
 * validator or rule ever sees an oversized document.
 */
export function findJsonLimitViolation(
  value: unknown,
  limits: JsonLimits = definitionLimits,
): JsonLimitViolation | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  let seen = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    seen += 1;
    if (seen > limits.nodes) {
      return { path: '', message: `the document holds more than ${limits.nodes} values` };
    }
    const current = item.value;
    if (typeof current === 'string' && current.length > limits.stringLength) {
      return { path: item.path, message: `string longer than ${limits.stringLength} characters` };
    }
    if (current === null || typeof current !== 'object') continue;
    if (item.depth >= limits.depth) {
      return { path: item.path, message: `nested deeper than ${limits.depth} levels` };
    }
    const entries: [string, unknown][] = Array.isArray(current)
      ? current.map((v, i): [string, unknown] => [String(i), v])
      : Object.entries(current);
    for (const [key, child] of entries) {
      stack.push({
        value: child,
        path: `${item.path}/${escapePointerToken(key)}`,
        depth: item.depth + 1,
      });
    }
  }
  return null;
}
