/**
 * Test-only crash points (issue 22, item 1; docs/operations.md, "Crash points"): places where the durability tests
 * kill the service with SIGKILL — no cleanup, no ROLLBACK or COMMIT, no response — as a power cut would, then
 * restart it and check that nothing was half-written or lost. A point fires only when the process armed it at
 * start (`FAULT_POINTS`, which src/config.ts refuses in production) and the request being served names it in its
 * `Test-Fault-Point` header; work a request sets off (the outbox relay it wakes) runs in that request's context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const FAULT_POINTS = [
  /** A versioned UPDATE of an aggregate's row has run; its transaction has not committed. */
  'after-update',
  /** A command's transaction has committed; nothing has been answered yet. */
  'after-commit',
  /** The outbox relay delivered an event to its handlers; it has not marked the event dispatched. */
  'after-delivery',
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export const FAULT_POINT_HEADER = 'test-fault-point';

let armed: ReadonlySet<FaultPoint> = new Set();
const selected = new AsyncLocalStorage<FaultPoint>();

export const isFaultPoint = (value: unknown): value is FaultPoint => typeof value === 'string' && (FAULT_POINTS as readonly string[]).includes(value);

/** Arms the points this process may be killed at (at start, from the configuration). */
export function armFaultPoints(points: readonly FaultPoint[]): void {
  armed = new Set(points);
}

/** Runs `work` (a request) with `point` selected, when it is armed; otherwise just runs it. */
export function withFaultPoint<T>(point: unknown, work: () => T): T {
  return isFaultPoint(point) && armed.has(point) ? selected.run(point, work) : work();
}

/** Kills the process here when this point is armed and selected by the request being served. */
export function faultPoint(point: FaultPoint): void {
  if (armed.size > 0 && selected.getStore() === point) process.kill(process.pid, 'SIGKILL');
}
