import type { Actor, Fixtures } from './fixtures';

/**
 * What one actor must get from one route:
 * - `unauth`: 401, an error envelope only;
 * - `deny`: 403 or 404, an error envelope only (nothing of the object in it);
 * - a list of statuses the handler may answer once the policy let the call through
 *   (2xx, or a validation/conflict/not-found answer of the handler itself).
 */
export type Outcome = 'unauth' | 'deny' | readonly number[];
export type Expectation = Record<Actor, Outcome>;

type Params = Record<string, string>;

/** One row of the matrix: how to call a route, and what each actor must get. */
export interface MatrixRow {
  params?: (f: Fixtures, actor: Actor) => Params | Promise<Params>;
  query?: (f: Fixtures) => string;
  body?: (f: Fixtures, actor: Actor) => unknown;
  rawBody?: (f: Fixtures) => string;
  headers?: Record<string, string>;
  /** Send the record's (param `id`) current version as If-Match. */
  ifMatch?: boolean;
  /** Actors whose answer must hold the secret: proves the leak check sees real data. */
  reveals?: readonly Actor[];
  /** What the revealing answers hold, if not the secret text (e.g. the quote's id). */
  revealed?: (f: Fixtures) => string;
  /** The call ends the caller's session: sign in afresh for it. */
  freshToken?: boolean;
  expect: Expectation;
}

export const OK = [200, 201, 202, 204] as const;
/** The policy let the call through; the handler may still refuse the input. */
export const HANDLED = [...OK, 400, 404, 409, 422] as const;

/** Everyone alike (public routes). */
export const everyone = (o: Outcome): Expectation => ({
  anonymous: o,
  noPermission: o,
  otherDepartment: o,
  nonAssignee: o,
  assignee: o,
  admin: o,
});

/** Any signed-in user; the handler filters by visibility or answers about the caller. */
export const signedIn = (o: Outcome = OK, overrides: Partial<Expectation> = {}): Expectation => ({
  ...everyone(o),
  anonymous: 'unauth',
  ...overrides,
});

/** Administrators only (also builders and publishers: in the demo org only the admin). */
export const adminOnly = (o: Outcome = OK): Expectation => ({
  ...everyone('deny'),
  anonymous: 'unauth',
  admin: o,
});

/** A form action on the CRM quote form: reps and managers hold it, a user without roles not. */
export const quoteForm = (o: Outcome = OK, overrides: Partial<Expectation> = {}): Expectation => ({
  ...signedIn(o),
  noPermission: 'deny',
  ...overrides,
});

/** The seeded quote: its owner, the assignee (head of its department) and admins see it. */
export const theQuote = (o: Outcome = OK, overrides: Partial<Expectation> = {}): Expectation => ({
  ...everyone(o),
  anonymous: 'unauth',
  noPermission: 'deny',
  otherDepartment: 'deny',
  ...overrides,
});
