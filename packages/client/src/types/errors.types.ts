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

/**
 * One publish-time definition error (`definition_invalid` details), as `validateForm` /
 * `validateFlow` of @liuyun/definitions report it.
 */
export interface DefinitionErrorDetail {
  code: string;
  message: string;
  /** JSON Pointer into the definition (drafts prefix `/definition` or `/flow`). */
  path: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
}
