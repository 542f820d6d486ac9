/**
 * bpmn-engine, driven the fastest way its documentation allows: each BPMN source is
 * parsed once (bpmn-moddle) and serialised once (moddle-context-serializer); every
 * instance is a new Engine over that shared context, as a host would run instances.
 */
import { once, EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Engine } from 'bpmn-engine';

/** The bpmn-engine context types we touch, typed locally (the packages ship none we can reach). */
interface ModdleModule {
  new (): { fromXML(xml: string): Promise<unknown> };
}
interface SerializerModule {
  default(moddleContext: unknown, typeResolver: unknown): unknown;
  TypeResolver(elements: unknown): unknown;
}

// The parser and serialiser are bpmn-engine's own dependencies, resolved from its folder.
const fromEngine = createRequire(require.resolve('bpmn-engine'));
const BpmnModdle = fromEngine('bpmn-moddle') as ModdleModule;
const serializer = fromEngine('moddle-context-serializer') as SerializerModule;
const elements = fromEngine('bpmn-elements') as unknown;

/** Parses and serialises a BPMN source once. */
export async function bpmnContext(xml: string): Promise<unknown> {
  const moddleContext = await new BpmnModdle().fromXML(xml);
  return serializer.default(moddleContext, serializer.TypeResolver(elements));
}

/** What the service tasks of the branch flow write (the record's status). */
export interface BranchRecord {
  status?: string;
  discount_pct?: number;
}

type Next = (error?: Error | null) => void;
interface ServiceContext {
  environment: { variables: { record: BranchRecord } };
}

function setStatus(status: string): (ctx: ServiceContext, next: Next) => void {
  return (ctx, next) => {
    ctx.environment.variables.record.status = status;
    next();
  };
}

/** The services the branch BPMN calls: three record updates and the branch condition. */
export const branchServices = {
  markPending: setStatus('pending'),
  setApproved: setStatus('approved'),
  setReview: setStatus('review'),
  atMost: (value: unknown, limit: unknown): boolean => Number(value) <= Number(limit),
};

/** Runs one instance to its end; resolves with the engine (for its state). */
export async function runToEnd(
  sourceContext: unknown,
  variables: Record<string, unknown>,
  listener?: EventEmitter,
): Promise<Engine> {
  const engine = new Engine({ name: 'bench', sourceContext, services: branchServices } as never);
  const ended = Promise.race([
    once(engine, 'end'),
    once(engine, 'error').then(([error]) => Promise.reject(error as Error)),
  ]);
  await engine.execute({ variables, ...(listener && { listener }) } as never);
  await ended;
  return engine;
}

/** A listener that approves every user task as soon as it waits. */
export function approvingListener(): EventEmitter {
  const listener = new EventEmitter();
  listener.on('wait', (api: { signal(message?: unknown): void }) => api.signal({ approved: true }));
  return listener;
}

/** Starts an instance and resolves once it waits at its user task (the engine is kept). */
export async function runToWait(sourceContext: unknown): Promise<Engine> {
  const engine = new Engine({ name: 'bench', sourceContext } as never);
  const listener = new EventEmitter();
  const waiting = once(listener, 'wait');
  await engine.execute({ listener } as never);
  await waiting;
  return engine;
}
