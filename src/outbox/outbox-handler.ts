import type { EntityManager } from 'typeorm';

/** Unit-of-work tag: this transaction wrote outbox events a handler wants, so the relay should wake after it commits. */
export const OUTBOX_WRITTEN = 'outbox';

export interface OutboxEvent {
  readonly id: string;
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly createdAt: Date;
}

/** A handler runs inside its own transaction; the delivery row is written in that same transaction. */
export interface OutboxHandler {
  /** Stable name: the idempotency key is (event id, name), so renaming a handler re-delivers. */
  readonly name: string;
  readonly type: string;
  /**
   * Whether it acts on an event of its type with this payload (every one, when absent). An event that no handler
   * wants is recorded as dispatched when it is written and never wakes the relay: nothing would act on it, and
   * claiming and marking it would cost every such command two more transactions (issue 23).
   */
  wants?(payload: Record<string, unknown>): boolean;
  handle(tx: EntityManager, event: OutboxEvent): Promise<void>;
}
