/** Stable codes of the errors `step` throws; the host maps them to HTTP statuses. */
export type RuntimeErrorCode =
  /** The task does not exist or was already decided or cancelled (HTTP 409). */
  | 'task_not_open'
  /** An event for an instance that has not started or has already finished (HTTP 409). */
  | 'instance_not_running'
  /** A `start` event for an instance that already has a state (HTTP 409). */
  | 'instance_already_started'
  /**
   * The action does not apply to this task (HTTP 422): `reject` on a fill-in, an action the
   * node switched off, a transfer to the holder or to someone who already holds a task,
   * an add-signer with nobody new.
   */
  | 'action_not_allowed'
  /** `return` to a node that is not earlier on the path, or inside parallel branches (HTTP 422). */
  | 'invalid_return_target'
  /** `timer_fired` for a timer that is not pending: unknown, fired, or cancelled (HTTP 409). */
  | 'timer_not_pending'
  /** `subprocess_completed` for a token that does not wait on a sub-process (HTTP 409). */
  | 'subprocess_not_pending'
  /** `withdraw` by someone other than the submitter, or refused by `withdrawPolicy` (HTTP 403). */
  | 'withdraw_not_allowed';

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
