import { SetMetadata } from '@nestjs/common';

/** Metadata key under which every route keeps its declared policy. */
export const ROUTE_POLICY = 'liuyun:policy';

/** What a permission set can grant on a form. */
export const FORM_ACTIONS = [
  'view',
  'add',
  'edit',
  'delete',
  'export',
  'import',
  'manage',
] as const;
export type FormAction = (typeof FORM_ACTIONS)[number];

/** What a builder permission can grant on an app. */
export type BuilderAbility = 'build' | 'publish';

/** Where in the request the guard finds the id (or key) a policy is about. */
export type Locator = { param: string } | { query: string } | { body: string };

/**
 * A route's access policy. The global PolicyGuard enforces it before the handler (and
 * before body validation) runs; a route with none is refused.
 *
 * - `public`: no sign-in (say why).
 * - `signed_in`: any signed-in user; the route only reads or changes what is the
 *   caller's own (their profile, inbox, notifications) or filters by visibility itself.
 * - `admin`: administrators only.
 * - `builder`: who may edit (`build`) or publish an app, found from an app key, a form,
 *   or an automation.
 * - `form`: a form action (permission sets) on the form the locator names.
 * - `record`: the record the locator names must be visible to the caller, and the
 *   action allowed on it (404 when invisible, 403 when visible but not allowed).
 * - `task`: the caller holds the task (or is an administrator); 404 otherwise.
 *
 * `readOnly` marks a POST that stores nothing (e.g. a simulation): it writes no audit row.
 */
export type RoutePolicy = (
  | { kind: 'public'; why: string }
  | { kind: 'signed_in' }
  | { kind: 'admin' }
  | { kind: 'builder'; ability: BuilderAbility; target: BuilderTarget }
  | { kind: 'form'; action: FormAction; form: Locator }
  | { kind: 'record'; action: FormAction; record: Locator }
  | { kind: 'task'; task: Locator }
) & { readOnly?: boolean };

/** How a builder policy finds its app. */
export type BuilderTarget =
  | { appKey: Locator }
  | { form: Locator }
  | { automation: Locator }
  | { run: Locator }
  | { anyApp: true };

type Decorator = MethodDecorator & ClassDecorator;

export const Policy = (policy: RoutePolicy): Decorator => SetMetadata(ROUTE_POLICY, policy);

export const param = (name: string): Locator => ({ param: name });
export const query = (name: string): Locator => ({ query: name });
export const bodyField = (name: string): Locator => ({ body: name });

/** No sign-in needed. */
export const Public = (why = 'open to everyone'): Decorator => Policy({ kind: 'public', why });
/** Any signed-in user, for what is their own. */
export const SignedIn = (opts: { readOnly?: boolean } = {}): Decorator =>
  Policy({ kind: 'signed_in', ...opts });
/** Administrators only. */
export const AdminOnly = (opts: { readOnly?: boolean } = {}): Decorator =>
  Policy({ kind: 'admin', ...opts });
/** Who may edit this app's forms, flows and automations. */
export const CanBuild = (target: BuilderTarget, opts: { readOnly?: boolean } = {}): Decorator =>
  Policy({ kind: 'builder', ability: 'build', target, ...opts });
/** Who may publish this app's forms and flows (and move instances between versions). */
export const CanPublish = (target: BuilderTarget): Decorator =>
  Policy({ kind: 'builder', ability: 'publish', target });
/** A form action from the caller's permission sets. */
export const FormPermission = (
  action: FormAction,
  form: Locator,
  opts: { readOnly?: boolean } = {},
): Decorator => Policy({ kind: 'form', action, form, ...opts });
/** A record the caller may see, with the action allowed on it. */
export const RecordPermission = (action: FormAction, record: Locator): Decorator =>
  Policy({ kind: 'record', action, record });
/** The task's holder (or an administrator). */
export const TaskHolder = (task: Locator): Decorator => Policy({ kind: 'task', task });
