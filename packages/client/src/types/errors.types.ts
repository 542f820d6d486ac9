/** One ajv-shaped validation detail inside the error envelope. */
export interface ValidationDetail {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The `error` member of the one error envelope every route answers with. */
export interface ErrorBody {
  status: number;
  code: string;
  message: string;
  details?: ValidationDetail[];
}
