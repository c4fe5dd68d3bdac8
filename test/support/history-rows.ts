/**
 * Stored history rows built by hand, for the pure specs of the history and conversation mappers: the
 * columns of docs/architecture.md §11 with the payload and guard inputs as the services store them
 * (JSON text). No database, no hashing: the mappers never recompute a hash.
 */
import type { HistoryRow } from '../../src/database/hash-chain';

export interface RowSpec {
  position: number;
  kind?: HistoryRow['kind'];
  eventType?: string | null;
  fromState?: string | null;
  toState?: string;
  actorId: string;
  actorRoles: string[];
  deciderId?: string | null;
  /** Minutes after 10:00 on 2 March 2026; the position by default. */
  minute?: number;
  payload?: unknown;
  guardInputs?: unknown;
  /** A payload blanked under a retention decision. */
  blankedBy?: string;
}

export function historyRow(spec: RowSpec): HistoryRow {
  const minute = spec.minute ?? spec.position;
  return {
    seq: 100 + spec.position,
    position: spec.position,
    kind: spec.kind ?? 'transition',
    fromState: spec.fromState ?? null,
    toState: spec.toState ?? 'draft',
    eventType: spec.eventType ?? null,
    actorId: spec.actorId,
    deciderId: spec.deciderId ?? null,
    actorRoles: spec.actorRoles,
    at: new Date(Date.UTC(2026, 2, 2, 10, minute)),
    machineVersion: '1',
    guardInputs: spec.guardInputs === undefined ? null : JSON.stringify(spec.guardInputs),
    payload: spec.blankedBy !== undefined ? null : JSON.stringify(spec.payload ?? null),
    payloadDigest: 'd'.repeat(64),
    payloadBlankedBy: spec.blankedBy ?? null,
    prevHash: String(spec.position - 1).repeat(64).slice(0, 64),
    hash: String(spec.position).repeat(64).slice(0, 64),
    rowDigest: null,
  };
}
