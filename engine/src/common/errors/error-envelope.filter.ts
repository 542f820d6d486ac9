import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, type ErrorEnvelope } from './app-error';

const codeByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Errors thrown by the body parser carry `type` and `status`. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { type?: unknown }).type === 'string' &&
    typeof (e as { status?: unknown }).status === 'number'
  );
}

/** Maps every error, from any route, to the one error envelope. */
export function toEnvelope(exception: unknown): ErrorEnvelope {
  if (exception instanceof AppError) {
    const error: ErrorEnvelope['error'] = {
      status: exception.status,
      code: exception.code,
      message: exception.message,
    };
    if (exception.details !== undefined) error.details = exception.details;
    return { error };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const cause = exception.cause;
    if (isBodyParserError(cause)) return toEnvelope(cause);
    const message = status === 404 ? 'No such route.' : exception.message;
    return { error: { status, code: codeByStatus[status] ?? 'http_error', message } };
  }
  if (isBodyParserError(exception)) {
    if (exception.type === 'entity.too.large') {
      return {
        error: {
          status: 413,
          code: 'payload_too_large',
          message: 'The request body is too large.',
        },
      };
    }
    if (exception.type === 'entity.parse.failed') {
      return {
        error: {
          status: 400,
          code: 'invalid_json',
          message: 'The request body is not valid JSON.',
        },
      };
    }
    const status = exception.status >= 400 && exception.status < 500 ? exception.status : 400;
    return {
      error: {
        status,
        code: codeByStatus[status] ?? 'bad_request',
        message: 'The request body could not be read.',
      },
    };
  }
  return {
    error: { status: 500, code: 'internal_error', message: 'Something went wrong on the server.' },
  };
}

@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const envelope = toEnvelope(exception);
    // An AppError of 5xx (not ready, unavailable) is an answer, not a fault.
    if (envelope.error.status >= 500 && !(exception instanceof AppError))
      this.logger.error(exception instanceof Error ? exception : String(exception));
    res.status(envelope.error.status).json(envelope);
  }
}
