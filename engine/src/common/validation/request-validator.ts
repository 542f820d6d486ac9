import Ajv, { type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';
import { badRequest, type ErrorDetail } from '../errors/app-error';

/** One strict ajv instance for request bodies and queries; each schema compiled once. */
const ajv = new Ajv({ strict: true, allErrors: true, coerceTypes: false, allowUnionTypes: true });

export function toDetails(errors: ErrorObject[] | null | undefined): ErrorDetail[] {
  return (errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    message: e.message ?? 'is not valid',
    params: e.params as Record<string, unknown>,
  }));
}

/** A compiled request schema: `parse` returns the typed value or throws a 400. */
export class RequestSchema<T> {
  private readonly validate: ValidateFunction<T>;

  constructor(readonly schema: SchemaObject) {
    this.validate = ajv.compile<T>(schema);
  }

  /** The schema as an OpenAPI schema object, for @ApiBody. */
  get openApi(): Record<string, unknown> {
    return this.schema;
  }

  parse(value: unknown): T {
    if (this.validate(value)) return value;
    throw badRequest(
      'validation_failed',
      'The request is not valid.',
      toDetails(this.validate.errors),
    );
  }
}
