/** A failure that needs a person (GET /api/incidents). */
export interface Incident {
  id: string;
  code: string;
  message: string;
  status: 'open' | 'resolved';
  /** The outbox job or timer that failed; retrying gives it fresh attempts. */
  jobId: string | null;
  instanceId: string | null;
  recordId: string | null;
  nodeId: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export type IncidentFilter = 'open' | 'resolved' | 'all';
