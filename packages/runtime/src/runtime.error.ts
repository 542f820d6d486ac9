/** Stable codes of the errors `step` throws; the host maps them to HTTP statuses. */
export type RuntimeErrorCode =
  /** The task does not exist or was already decided or cancelled (HTTP 409). */
  | 'task_not_open'
  /** An event for an instance that has not started or has already finished (HTTP 409). */
  | 'instance_not_running'
  /** A `start` event for an instance that already has a state (HTTP 409). */
  | 'instance_already_started';

/**
 * The event cannot be applied to this state. Thrown before anything changes: the host
 * keeps the saved state and answers with the code. Runtime failures inside the flow (no
 * branch matched, step budget) are not thrown; they fail the instance with an incident.
 */
export class RuntimeError extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}
