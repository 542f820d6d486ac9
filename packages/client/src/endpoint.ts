import type { Http, HttpAnswer, HttpMethod, RequestOptions } from './http.client';

/** A route of the engine as the client calls it; `path` is relative to `/api`. */
export interface EndpointSpec {
  method: HttpMethod;
  /** OpenAPI-style template, e.g. `/forms/{formId}/records`. */
  path: string;
}

const declared: EndpointSpec[] = [];

export interface CallArgs extends Omit<RequestOptions, 'method'> {
  /** Values for the `{name}` segments of the path template. */
  path?: Record<string, string>;
}

export interface Endpoint<T> {
  readonly spec: EndpointSpec;
  (http: Http, args?: CallArgs): Promise<T>;
  /** The same call, answering with status and headers as well. */
  exchange(http: Http, args?: CallArgs): Promise<HttpAnswer<T>>;
}

function fillPath(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`missing path value "${name}" for ${template}`);
    return encodeURIComponent(value);
  });
}

/**
 * Declares one route. Every declared route is listed by {@link declaredEndpoints}, which a
 * test checks against the engine's OpenAPI document, so the client cannot call a route
 * the engine does not have.
 */
export function endpoint<T>(method: HttpMethod, path: string): Endpoint<T> {
  const spec: EndpointSpec = { method, path };
  declared.push(spec);
  const options = (args: CallArgs = {}): [string, RequestOptions] => {
    const { path: values, ...rest } = args;
    return [fillPath(path, values), { ...rest, method }];
  };
  const call = (async (http: Http, args?: CallArgs) =>
    http.request<T>(...options(args))) as Endpoint<T>;
  Object.defineProperty(call, 'spec', { value: spec });
  call.exchange = async (http, args) => http.exchange<T>(...options(args));
  return call;
}

/** Every route the client can call. */
export function declaredEndpoints(): readonly EndpointSpec[] {
  return declared;
}
