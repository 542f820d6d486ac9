import type { DefinitionErrorDetail, ErrorBody, ValidationDetail } from './types/errors.types';

/** An error answered by the engine (or a network failure, status 0), parsed from the envelope. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ValidationDetail[];
  /** Every detail as the engine sent it, definition errors (`{ code, path, message }`) included. */
  readonly allDetails: unknown[];
  /** `definition_invalid`: the publish-time errors, with the node, edge or field they concern. */
  readonly definitionErrors: DefinitionErrorDetail[];

  constructor(
    body: ErrorBody & { definitionErrors?: DefinitionErrorDetail[] },
    allDetails: unknown[] = body.details ?? [],
  ) {
    super(body.message);
    this.name = 'ApiError';
    this.status = body.status;
    this.code = body.code;
    this.details = body.details ?? [];
    this.allDetails = allDetails;
    this.definitionErrors = body.definitionErrors ?? [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDefinitionError(value: unknown): value is DefinitionErrorDetail {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    typeof value.path === 'string'
  );
}

function isDetail(value: unknown): value is ValidationDetail {
  return (
    isRecord(value) && typeof value.instancePath === 'string' && typeof value.keyword === 'string'
  );
}

/** Reads `{ error: { status, code, message, details? } }`; anything else becomes a generic error. */
export function parseErrorEnvelope(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') {
    const raw: unknown[] = Array.isArray(error.details) ? error.details : [];
    return new ApiError(
      {
        status: typeof error.status === 'number' ? error.status : status,
        code: error.code,
        message: typeof error.message === 'string' ? error.message : error.code,
        details: raw.filter(isDetail),
        definitionErrors: raw.filter(isDefinitionError),
      },
      raw,
    );
  }
  return new ApiError({
    status,
    code: status >= 500 ? 'internal_error' : 'http_error',
    message: `HTTP ${status}`,
  });
}
