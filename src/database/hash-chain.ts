import { hash as oneShotHash } from 'node:crypto';
import { insertRows } from './insert-rows';
import canonicalize from 'canonicalize';
import { Column, type EntityManager, type EntityTarget, IsNull, Not, PrimaryGeneratedColumn } from 'typeorm';
import type { RecordedTransition } from '../workflow/core/replay';
import { INSTANT_LENGTH, instantTransformer } from './instant.transformer';
import { isUniqueViolation } from './query-errors';
import { compiledRows, hydrate, selectEveryColumn } from './compiled-select';

/** The kinds of row every aggregate's history has (docs/architecture.md §11). */
export type HistoryKind = 'created' | 'edited' | 'transition';

/**
 * The kinds of row of an aggregate that also takes in records made outside the service: applications,
 * which import records made under RIPA 2000 s.22 as `imported` rows (the record's first row, in place of
 * `created`). The kind is hashed like any other column, so the chain covers it.
 */
export type HistoryKindWithImport = HistoryKind | 'imported';

/**
 * The columns of every aggregate's append-only, hash-chained history (docs/architecture.md §4 step 5, §6): each
 * concrete history entity adds its aggregate-id column and says which kinds of row it has (`K`). Database
 * triggers refuse UPDATE and DELETE, except blanking `payload` under a recorded retention decision; the
 * replay inputs (event, actor, decider, roles, at, guard inputs) live outside `payload`.
 */
export abstract class HistoryRow<K extends string = HistoryKind> {
  /** Global order across the table (checkpoints sign ranges of it). */
  @PrimaryGeneratedColumn('increment')
  seq!: number;

  /** 1-based position in this aggregate's chain; equals the aggregate's version after the row. */
  @Column('integer')
  position!: number;

  @Column('varchar', { length: 20 })
  kind!: K;

  @Column('varchar', { name: 'from_state', length: 30, nullable: true })
  fromState!: string | null;

  @Column('varchar', { name: 'to_state', length: 30 })
  toState!: string;

  @Column('varchar', { name: 'event_type', length: 40, nullable: true })
  eventType!: string | null;

  @Column('varchar', { name: 'actor_id', length: 36 })
  actorId!: string;

  @Column('varchar', { name: 'decider_id', length: 36, nullable: true })
  deciderId!: string | null;

  @Column('simple-json', { name: 'actor_roles' })
  actorRoles!: string[];

  @Column('varchar', { length: INSTANT_LENGTH, transformer: instantTransformer })
  at!: Date;

  @Column('varchar', { name: 'machine_version', length: 10 })
  machineVersion!: string;

  /** The guard inputs used (canonical JSON), so a replay gives the same answer; null for create/edit. */
  @Column('text', { name: 'guard_inputs', nullable: true })
  guardInputs!: string | null;

  /** What was written (canonical JSON); only a recorded retention decision may blank it. */
  @Column('text', { nullable: true })
  payload!: string | null;

  @Column('varchar', { name: 'payload_digest', length: 64 })
  payloadDigest!: string;

  @Column('varchar', { name: 'payload_blanked_by', length: 36, nullable: true })
  payloadBlankedBy!: string | null;

  @Column('varchar', { name: 'prev_hash', length: 64 })
  prevHash!: string;

  @Column('varchar', { length: 64 })
  hash!: string;

  /**
   * What the aggregate's own row said once this write committed (issue 21, item 1; docs/architecture.md §11):
   * canonical JSON of field → sha256 of that field's canonical value ({@link RowDigest}). A hash input when
   * present; null on rows written before it existed, which then hash as they always did.
   */
  @Column('text', { name: 'row_digest', nullable: true })
  rowDigest!: string | null;
}

/** The chain starts from 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

// The one-shot `hash` (Node 20.12): a third of createHash's time on inputs this short, and a write hashes about thirty.
const sha256 = (text: string): string => oneShotHash('sha256', text, 'hex');

/**
 * An aggregate's row as a history row commits to it (issue 21, item 1; docs/architecture.md §11): each field that
 * carries the record's state → sha256 hex of the canonical JSON of its value. One digest per field, so verify can
 * name which fields were edited behind the chain's back, not only that something was.
 */
export type RowDigest = Readonly<Record<string, string>>;

/**
 * The {@link RowDigest} of `fields`, each value in the form it has once stored and read back: a Date as its ISO
 * instant, undefined as null, JSON columns as `JSON.stringify` leaves them. Canonical JSON treats what a row holds
 * as `JSON.stringify` does (`toJSON`, undefined members left out, undefined array items as null); the two differ
 * only on values no row holds (NaN and the infinities, which canonicalize refuses; holes in arrays; functions). So
 * the row a write is about to store and the row verify later loads give the same digests.
 */
export function digestFields(fields: Readonly<Record<string, unknown>>): RowDigest {
  const digests: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) digests[field] = sha256(canonicalize(value ?? null) ?? 'null');
  return digests;
}

/**
 * The row as the conditional UPDATE (src/database/versioned-update.ts) leaves it in the database: the changes
 * applied except undefined ones (TypeORM's UPDATE skips those), and the version one higher. What a write's
 * {@link RowDigest} is computed from before its history row is appended (issue 21, item 1).
 */
export function rowAfterWrite<R extends { version: number }>(row: R, changes: Partial<R>): R {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<R>;
  return { ...row, ...defined, version: row.version + 1 };
}

/**
 * How one aggregate's row is checked against its history (issue 21, item 1): its projection to a
 * {@link RowDigest} (the same pure function the write path uses) and each field's name as a person reads it.
 */
export interface RowProjection<A> {
  digest(row: A): RowDigest;
  labels: Readonly<Record<string, string>>;
}

export interface HistoryEntry<K extends string = HistoryKind> {
  aggregateId: string;
  position: number;
  kind: K;
  fromState: string | null;
  toState: string;
  eventType: string | null;
  actorId: string;
  deciderId: string | null;
  actorRoles: string[];
  at: Date;
  machineVersion: string;
  guardInputs: unknown;
  payload: unknown;
  /** The aggregate's row as it is once this write commits (issue 21, item 1); null only where there is no row to commit to. */
  rowDigest: RowDigest | null;
}

/**
 * The next history row of an aggregate, written by `actor` at `now`: its position follows the row's version
 * and it leaves the row's status (docs/architecture.md §11). A row that begins an aggregate is position 1
 * from no state: the caller says so.
 */
export function nextHistoryEntry<K extends string>(
  row: { id: string; version: number; status: string; machineVersion: string },
  actor: { id: string; roles: readonly string[] },
  now: Date,
  what: { kind: K; toState: string; eventType?: string; guardInputs?: unknown; payload: unknown; rowDigest: RowDigest | null },
): HistoryEntry<K> {
  return {
    aggregateId: row.id,
    position: row.version + 1,
    kind: what.kind,
    fromState: row.status,
    toState: what.toState,
    eventType: what.eventType ?? null,
    actorId: actor.id,
    deciderId: null,
    actorRoles: [...actor.roles],
    at: now,
    machineVersion: row.machineVersion,
    guardInputs: what.guardInputs ?? null,
    payload: what.payload,
    rowDigest: what.rowDigest,
  };
}

export type VerifyResult =
  | { valid: true; rows: number; head: string }
  | { valid: false; rows: number; firstBroken: { seq: number | null; position: number; reason: string; differs?: string[] } };

type Hashable<K extends string> = Omit<HistoryRow<K>, 'seq' | 'payloadBlankedBy' | 'hash'>;

/**
 * One aggregate kind's chain: `hash = sha256(prev_hash ‖ canonical_json(row with payload_digest))`
 * (docs/architecture.md §4 step 5). The payload is covered through its digest, so a retention decision can blank
 * it without breaking the chain. `A` is the aggregate's row, which each history row commits to through its
 * `row_digest` (issue 21, item 1).
 */
export class HashChain<E extends HistoryRow<string>, A = unknown> {
  constructor(
    private readonly entity: EntityTarget<E>,
    /** The entity property holding the aggregate id (e.g. `applicationId`); also its key in the hash. */
    private readonly aggregateKey: keyof E & string,
    /** The error for a writer that lost the race for a position: the aggregate changed under it. */
    private readonly stale: (readVersion: number) => Error,
    /**
     * Columns an aggregate's history adds for an index to read, each a copy of something in the row's event
     * and payload (the applications' `reason_code`, docs/statistics.md §3). They are not hash inputs: the
     * payload they come from is. `append` writes them from the entry, and `verify` finds a row whose copy no
     * longer says what its payload says.
     */
    private readonly indexed: (row: { eventType: string | null; payload: unknown }) => Partial<E> = () => ({}),
    /**
     * The aggregate row's projection (issue 21, item 1): with it, `verifyAggregate` checks the stored row against
     * what the last history row committed to. Without it, only the chain is checked.
     */
    private readonly projection?: RowProjection<A>,
    /**
     * Replays a transition row through the aggregate's production machine (issue 21, item 1): with it, `verify`
     * folds the chain's states and replays every transition ({@link replayBreak}).
     */
    private readonly replay?: Replay,
  ) {}

  hashOf(row: Hashable<E['kind']>, aggregateId: string): string {
    const input = canonicalize({
      [this.aggregateKey]: aggregateId,
      position: row.position,
      kind: row.kind,
      fromState: row.fromState,
      toState: row.toState,
      eventType: row.eventType,
      actorId: row.actorId,
      deciderId: row.deciderId,
      actorRoles: row.actorRoles,
      at: row.at.toISOString(),
      machineVersion: row.machineVersion,
      guardInputs: row.guardInputs,
      payloadDigest: row.payloadDigest,
      prevHash: row.prevHash,
      // Only when present (issue 21, item 1): a row written before row digests existed keeps the hash it was
      // given, and the golden vectors (hash-chain.golden.spec.ts) still hold.
      ...(row.rowDigest == null ? {} : { rowDigest: row.rowDigest }),
    });
    return sha256(row.prevHash + (input ?? ''));
  }

  /** The history row {@link append} stores for `entry` after `prevHash`, with its indexed copies and its hash: pure. */
  rowFor(entry: HistoryEntry<E['kind']>, prevHash: string): { row: Record<string, unknown>; hash: string } {
    const payload = canonicalize(entry.payload ?? null) ?? 'null';
    const row: Hashable<E['kind']> = {
      position: entry.position,
      kind: entry.kind,
      fromState: entry.fromState,
      toState: entry.toState,
      eventType: entry.eventType,
      actorId: entry.actorId,
      deciderId: entry.deciderId,
      actorRoles: entry.actorRoles,
      at: entry.at,
      machineVersion: entry.machineVersion,
      guardInputs: entry.guardInputs == null ? null : (canonicalize(entry.guardInputs) ?? null),
      payload,
      payloadDigest: sha256(payload),
      prevHash,
      rowDigest: entry.rowDigest === null ? null : (canonicalize(entry.rowDigest) ?? null),
    };
    const hash = this.hashOf(row, entry.aggregateId);
    const indexed = this.indexed({ eventType: entry.eventType, payload: entry.payload ?? null });
    return { row: { ...indexed, ...row, [this.aggregateKey]: entry.aggregateId, hash, payloadBlankedBy: null }, hash };
  }

  /** Appends one row after `prevHash`, with its indexed copies; returns the new head hash. */
  async append(tx: EntityManager, entry: HistoryEntry<E['kind']>, prevHash: string): Promise<string> {
    const { row, hash } = this.rowFor(entry, prevHash);
    try {
      await insertRows(tx, this.entity, row as never);
    } catch (error) {
      // Another writer appended this position first (on PostgreSQL our INSERT waited for its commit on the
      // unique (aggregate, position) index): the same 409 the conditional UPDATE gives, never a 500.
      if (isUniqueViolation(error)) throw this.stale(entry.position - 1);
      throw error;
    }
    return hash;
  }

  /** The {@link RowDigest} this chain's projection gives `row`; null for a chain without one. */
  digestOf(row: A): RowDigest | null {
    return this.projection?.digest(row) ?? null;
  }

  /**
   * Blanks every payload of the aggregate's history still present, naming the retention decision that allows it
   * (issue 21, item 3): the one change the triggers let through, and only for a `delete` decision about this
   * record. The digests stay, so the chain still verifies. Returns how many rows were blanked.
   */
  async blankPayloads(tx: EntityManager, aggregateId: string, decisionId: string): Promise<number> {
    const result = await tx.update(this.entity, { [this.aggregateKey]: aggregateId, payload: Not(IsNull()) }, { payload: null, payloadBlankedBy: decisionId } as never);
    return result.affected ?? 0;
  }

  /** True when some row of the aggregate's history was blanked under `decisionId`. */
  blankedUnder(manager: EntityManager, aggregateId: string, decisionId: string): Promise<boolean> {
    return manager.exists(this.entity, { where: { [this.aggregateKey]: aggregateId, payloadBlankedBy: decisionId } as never });
  }

  /**
   * Verifies the chain of a loaded aggregate against its version and head hash and, where this chain has the
   * aggregate's projection, the stored row against what its last history row committed to (issue 21, item 1).
   */
  verifyAggregate(manager: EntityManager, aggregate: A & { id: string; version: number; historyHead: string; status: string }): Promise<VerifyResult> {
    const stored = this.projection && { status: aggregate.status, digest: this.projection.digest(aggregate), labels: this.projection.labels };
    return this.verify(manager, aggregate.id, { version: aggregate.version, head: aggregate.historyHead, stored });
  }

  /** The aggregate's rows as stored, in order: each feature maps them to what it shows (docs/architecture.md §11). */
  async list(manager: EntityManager, aggregateId: string): Promise<E[]> {
    // Every answer reads its record's history: its SQL is built once per table (src/database/compiled-select.ts).
    const rows = await compiledRows<Record<string, unknown>, 'id'>(
      manager,
      `history:${manager.connection.getMetadata(this.entity).tableName}`,
      (slots) =>
        selectEveryColumn(manager.createQueryBuilder(this.entity, 'h'), this.entity, 'h')
          .where(`h.${this.aggregateKey} = :id`, { id: slots.id })
          .orderBy('h.position', 'ASC')
          .addOrderBy('h.seq', 'ASC'),
      { id: aggregateId },
    );
    return rows.map((row) => hydrate(manager, this.entity, row));
  }

  /** The first indexed column of `row` that differs from what its payload implies; null when none does (or the payload was blanked). */
  private indexedCopyDiffering(row: E): string | null {
    if (row.payload === null) return null;
    const implied = this.indexed({ eventType: row.eventType, payload: JSON.parse(row.payload) as unknown });
    for (const [key, value] of Object.entries(implied)) {
      if ((row[key as keyof E] ?? null) !== (value ?? null)) return key;
    }
    return null;
  }

  /**
   * Recomputes the chain in `seq` order and names the first broken row: a changed row (its hash), a
   * deleted row (the next row's link or a gap in positions), a reordered row (its link), a changed payload
   * (its digest), or rows missing at the end (the aggregate's version and head hash). Then, given the
   * `stored` row, names every field of it that differs from what the last history row committed to
   * (issue 21, item 1): an edit made to the aggregate's row alone.
   */
  async verify(
    manager: EntityManager,
    aggregateId: string,
    expected: { version: number; head: string; stored?: StoredRow },
  ): Promise<VerifyResult> {
    const rows = await manager.find(this.entity, {
      where: { [this.aggregateKey]: aggregateId } as never,
      order: { seq: 'ASC' } as never,
    });
    const broken = chainBreak(rows, (row) => this.hashOf(row, aggregateId), expected, (row) => {
      const copy = this.indexedCopyDiffering(row);
      return copy === null ? null : `${copy} does not say what the payload says (row altered)`;
    });
    if (broken) return { valid: false, rows: rows.length, firstBroken: broken };
    const unreplayable = this.replay ? replayBreak(rows, this.replay) : null;
    if (unreplayable) return { valid: false, rows: rows.length, firstBroken: unreplayable };
    const last = rows[rows.length - 1];
    const differing = last && expected.stored ? storedRowDiffering(last, expected.stored) : null;
    if (differing) {
      return { valid: false, rows: rows.length, firstBroken: { seq: last.seq, position: rows.length, ...differing } };
    }
    return { valid: true, rows: rows.length, head: rows[rows.length - 1]?.hash ?? GENESIS_HASH };
  }
}

/** What a chain's own check reads of each row (a stored entity, or a row the archive tool read with raw SQL). */
export type ChainRow = Pick<HistoryRow<string>, 'seq' | 'position' | 'prevHash' | 'payload' | 'payloadDigest' | 'payloadBlankedBy' | 'hash'>;

/**
 * The first break of a chain given in `seq` order, or null when it is whole (docs/architecture.md §11,
 * "Verification"): a position out of sequence, a `prev_hash` that does not link, a payload that no longer matches its
 * digest or was blanked without a decision, a row whose content (`hashOf`) no longer matches its hash, what `alsoCheck`
 * finds of a row, or rows missing at the end (the record's version and head). The one check, for `GET …/history/verify`
 * and for `npm run verify-archive`.
 */
export function chainBreak<R extends ChainRow>(
  rows: readonly R[],
  hashOf: (row: R) => string,
  expected: { version: number; head: string },
  alsoCheck: (row: R) => string | null = () => null,
): { seq: number | null; position: number; reason: string } | null {
  let prev = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const position = index + 1;
    const reason =
      row.position !== position
        ? `expected position ${position}, found ${row.position} (row deleted or reordered)`
        : row.prevHash !== prev
          ? 'prev_hash does not link to the previous row (row deleted or reordered)'
          : row.payload !== null && sha256(row.payload) !== row.payloadDigest
            ? 'payload does not match its digest'
            : row.payload === null && row.payloadBlankedBy === null
              ? 'payload blanked without a retention decision'
              : hashOf(row) !== row.hash
                ? 'row content does not match its hash (row altered)'
                : alsoCheck(row);
    if (reason !== null) return { seq: row.seq, position, reason };
    prev = row.hash;
  }
  if (rows.length !== expected.version || prev !== expected.head) {
    return {
      seq: null,
      position: rows.length + 1,
      reason: `the record is at version ${expected.version} but the chain has ${rows.length} row(s) ending elsewhere (rows missing at the end)`,
    };
  }
  return null;
}

/** Why replaying one recorded transition through its aggregate's production machine does not give what the row recorded; null when it does (src/workflow/core/replay.ts). */
export type Replay = (row: RecordedTransition) => string | null;

/**
 * The first row of a whole chain (in `seq` order) that its aggregate's machine does not account for (issue 21,
 * item 1; docs/architecture.md §11, "Verification"), or null: the states must follow one another — each row
 * starting where the one before left the record, the first from none — only a transition may move the state, and
 * every transition must replay to the state and guard inputs it recorded.
 */
export function replayBreak<R extends Pick<ChainRow, 'seq'> & RecordedTransition>(rows: readonly R[], replay: Replay): { seq: number; position: number; reason: string } | null {
  let state: string | null = null;
  for (const [index, row] of rows.entries()) {
    const reason =
      row.fromState !== state
        ? `it starts from ${row.fromState ?? 'no state'}, but the row before left the record ${state ?? 'in none'} (row altered)`
        : row.kind === 'transition'
          ? replay(row)
          : index > 0 && row.toState !== row.fromState
            ? `an ${row.kind} row moves the record from ${row.fromState ?? 'no state'} to ${row.toState}, which only a transition may do`
            : null;
    if (reason !== null) return { seq: row.seq, position: index + 1, reason };
    state = row.toState;
  }
  return null;
}

/** The aggregate's row as verify finds it stored: its status, its {@link RowDigest}, and its fields' names in words. */
export interface StoredRow {
  status: string;
  digest: RowDigest;
  labels: Readonly<Record<string, string>>;
}

/**
 * What of the stored row differs from what `last` (the chain's last row) committed to, or null when nothing does
 * (issue 21, item 1; docs/architecture.md §11). The status must be the state the last row left the record in; and
 * every field the last row's `row_digest` names must digest as it did then. Only the fields it names are checked,
 * so a field added to a projection later is not held against rows written before it; a row without a digest
 * (written before digests existed) is checked for its status alone.
 */
export function storedRowDiffering(last: Pick<HistoryRow<string>, 'rowDigest' | 'toState'>, stored: StoredRow): { reason: string; differs: string[] } | null {
  let committed: Record<string, unknown> = {};
  if (last.rowDigest !== null) {
    // Hashed, so unreadable only if the whole chain was rewritten to match: say so rather than fail with a 500.
    let parsed: unknown;
    try {
      parsed = JSON.parse(last.rowDigest);
    } catch {
      parsed = null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { reason: 'the row digest of its last history row cannot be read, so the stored record cannot be checked against it', differs: [] };
    }
    committed = parsed as Record<string, unknown>;
  }
  // In the projection's own order (status first), so the reason reads as the record does.
  const order = Object.keys(stored.digest);
  const rank = (field: string): number => (order.includes(field) ? order.indexOf(field) : order.length);
  const differs = Object.keys(committed)
    .filter((field) => stored.digest[field] !== committed[field])
    .sort((a, b) => rank(a) - rank(b));
  const statusMoved = stored.status !== last.toState;
  if (statusMoved && !differs.includes('status')) differs.unshift('status');
  if (differs.length === 0) return null;
  const named = differs.map((field) => stored.labels[field] ?? field).join(', ');
  const status = statusMoved ? `; its status is ${stored.status}, but its history last left it ${last.toState}` : '';
  return { reason: `the stored record differs from what its history last committed to: ${named}${status}`, differs };
}
