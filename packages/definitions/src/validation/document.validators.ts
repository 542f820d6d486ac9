import { appDefinitionSchema } from '../schemas/app.schema';
import { FORBIDDEN_FIELD_KEYWORDS } from '../schemas/field.schema';
import { flowDefinitionSchema } from '../schemas/flow.schema';
import { formDefinitionSchema } from '../schemas/form.schema';
import { templateDefinitionSchema } from '../schemas/template.schema';
import type { DefinitionError } from '../types';
import { ajv, type ErrorObject, type ValidateFunction } from './ajv.instance';
import { findJsonLimitViolation } from './json-limits';
import { escapePointerToken, resolvePointer } from './json-pointer';

const documentSchemas = {
  form: formDefinitionSchema,
  flow: flowDefinitionSchema,
  app: appDefinitionSchema,
  template: templateDefinitionSchema,
} as const;

/** The kinds of document with a JSON Schema. */
export type DocumentKind = keyof typeof documentSchemas;

const compiled = new Map<DocumentKind, ValidateFunction>();

/** The compiled validator of a document kind: compiled on first use, then cached. */
export function documentValidator(kind: DocumentKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(documentSchemas[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

const MAX_SCHEMA_ERRORS = 50;
const forbidden = new Set<string>(FORBIDDEN_FIELD_KEYWORDS);

function describe(error: ErrorObject): { path: string; message: string } {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    const key = params.additionalProperty;
    const path = `${error.instancePath}/${escapePointerToken(key)}`;
    if (forbidden.has(key)) {
      return {
        path,
        message: `"${key}" is not allowed: form schemas are untrusted, so regular expressions and references are refused`,
      };
    }
    return { path, message: `unknown property "${key}"` };
  }
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return {
      path: `${error.instancePath}/${escapePointerToken(params.missingProperty)}`,
      message: `missing required property "${params.missingProperty}"`,
    };
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    const allowed = params.allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return { path: error.instancePath, message: `must be one of ${allowed}` };
  }
  return { path: error.instancePath, message: error.message ?? `fails "${error.keyword}"` };
}

function nodeIdAt(doc: unknown, path: string): string | undefined {
  const node = resolvePointer(doc, path);
  const id = typeof node === 'object' && node !== null ? (node as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Checks a document against its JSON Schema (after the size and depth caps). Returns
 * `schema_invalid` errors with JSON-pointer paths, or `unknown_node_type` for a flow node
 * whose `type` is not a node type. Never throws.
 */
export function validateDocumentSchema(kind: DocumentKind, doc: unknown): DefinitionError[] {
  const violation = findJsonLimitViolation(doc);
  if (violation)
    return [{ code: 'schema_invalid', path: violation.path, message: violation.message }];
  const validate = documentValidator(kind);
  if (validate(doc)) return [];
  const errors: DefinitionError[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const params = error.params as Record<string, unknown>;
    let result: DefinitionError;
    if (error.keyword === 'discriminator' && params.error === 'mapping') {
      const nodeId = nodeIdAt(doc, error.instancePath);
      result = {
        code: params.tag === 'type' ? 'unknown_node_type' : 'schema_invalid',
        path: `${error.instancePath}/${escapePointerToken(String(params.tag))}`,
        message: `unknown ${String(params.tag)} ${JSON.stringify(params.tagValue)}`,
        ...(nodeId !== undefined && params.tag === 'type' ? { nodeId } : {}),
      };
    } else {
      result = { code: 'schema_invalid', ...describe(error) };
    }
    const key = `${result.code}|${result.path}|${result.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(result);
    if (errors.length >= MAX_SCHEMA_ERRORS) break;
  }
  return errors;
}
