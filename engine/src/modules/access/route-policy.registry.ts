import { Injectable, Logger, RequestMethod, type OnApplicationBootstrap } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ROUTE_POLICY, type RoutePolicy } from '../../common/policy/route-policy';

/** One route of the application with the policy it declares (null: none, refused). */
export interface RouteEntry {
  method: string;
  path: string;
  controller: string;
  handler: string;
  policy: RoutePolicy | null;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter((p) => p !== '')
    .join('/');
  return `/${joined}`;
}

const asArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [''];

/**
 * Every route of every controller with its declared policy, read from the route
 * metadata at start. A route without a policy is logged at start and refused by the
 * guard on every request; the S5 test lists the router and fails on it.
 */
@Injectable()
export class RoutePolicyRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger('Policy');
  private entries: RouteEntry[] | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = this.routes().filter((r) => r.policy === null);
    for (const r of missing)
      this.logger.error(
        `${r.method} ${r.path} (${r.controller}.${r.handler}) declares no access policy: every request to it is refused. See docs/adr/0007-route-policies.md.`,
      );
  }

  routes(): RouteEntry[] {
    if (this.entries) return this.entries;
    const entries: RouteEntry[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      const instance = wrapper.instance as object | null;
      if (!type || !instance) continue;
      const prefixes = asArray(Reflect.getMetadata(PATH_METADATA, type));
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const policy =
          this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [
            handler,
            type,
          ]) ?? null;
        for (const prefix of prefixes)
          for (const path of asArray(paths))
            entries.push({
              method: method ?? 'ALL',
              path: joinPath(prefix, path),
              controller: type.name,
              handler: name,
              policy,
            });
      }
    }
    this.entries = entries;
    return entries;
  }
}
