/**
 * Who may call each route, read from the controllers' own route-policy decorators (src/common/route-policy.ts),
 * keyed as the OpenAPI document names operations (`POST /applications/{id}/events`), and a demo user each policy
 * lets in. For tests that walk every route of the document as a caller who may use it.
 */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DEMO_USERS } from '../../src/auth/demo-seed';
import { ROUTE_POLICY, type RoutePolicy } from '../../src/common/route-policy';
import type { TestApp } from './test-app';

const segments = (path: unknown): string[] =>
  (Array.isArray(path) ? path : [path]).flatMap((p) => String(p ?? '').split('/')).filter(Boolean);

/** `METHOD /path/{param}` → the route's policy. */
export function routePolicies(t: TestApp): Map<string, RoutePolicy> {
  const discovery = t.app.get(DiscoveryService);
  const reflector = t.app.get(Reflector);
  const scanner = new MetadataScanner();
  const policies = new Map<string, RoutePolicy>();
  for (const wrapper of discovery.getControllers()) {
    if (!wrapper.metatype || !wrapper.instance) continue;
    const base = segments(Reflect.getMetadata(PATH_METADATA, wrapper.metatype));
    const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as () => void;
      const own = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      if (own === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const policy = reflector.getAllAndOverride<RoutePolicy>(ROUTE_POLICY, [handler, wrapper.metatype]);
      // A handler may serve several paths (`@Get([...])`): each is a route of its own.
      for (const one of Array.isArray(own) ? own : [own]) {
        const path = `/${[...base, ...segments(one)].join('/')}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        policies.set(`${method} ${path}`, policy);
      }
    }
  }
  return policies;
}

/** A demo user the policy lets in; null when the route is public (no token is sent). */
export function callerFor(policy: RoutePolicy): string | null {
  if (policy.kind === 'public') return null;
  if (policy.kind === 'authenticated') return 'applicant';
  const user = DEMO_USERS.find((u) => u.roles.some((role) => policy.roles.includes(role)));
  if (!user) throw new Error(`no demo user holds one of ${policy.roles.join(', ')}`);
  return user.username;
}

/** The caller for an operation of the document; fails loudly for an operation no controller declares. */
export function callerForOperation(policies: Map<string, RoutePolicy>, key: string): string | null {
  const policy = policies.get(key);
  if (!policy) throw new Error(`no route policy found for ${key}`);
  return callerFor(policy);
}
