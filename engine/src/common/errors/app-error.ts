/** One error detail, in ajv's shape so the designer renders every validation error alike. */
export interface ErrorDetail {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

/** The body of every error answer. */
export interface ErrorEnvelope {
  error: {
    status: number;
    code: string;
    message: string;
    details?: unknown[];
  };
}

/** An error with a stable code; the exception filter turns it into the envelope. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
  }
}

export const notFound = (what: string): AppError =>
  new AppError(404, 'not_found', `${what} was not found.`);
export const forbidden = (message: string): AppError => new AppError(403, 'forbidden', message);
export const conflict = (code: string, message: string): AppError =>
  new AppError(409, code, message);
export const badRequest = (code: string, message: string, details?: unknown[]): AppError =>
  new AppError(400, code, message, details);
