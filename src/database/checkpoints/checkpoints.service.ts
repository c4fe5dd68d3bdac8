import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { CLOCK } from '../../clock.provider';
import { APP_CONFIG, type AppConfig } from '../../config';
import type { Clock } from '../../workflow/clock';
import { IntervalPoller } from '../interval-poller';
import { isUniqueViolation } from '../query-errors';
import { UnitOfWork } from '../unit-of-work';
import { CHECKPOINT_KEY, type CheckpointKey } from './checkpoint-key';
import { type Checkpoint, makeCheckpoint } from './checkpoint-signing';
import { insertCheckpoint, readCheckpoints, readLastCheckpoint, readUncovered } from './checkpoint-store';
import { type CheckpointVerification, verifyCheckpoints } from './checkpoint-verify';
import { CHECKPOINTED_TABLES, type HistoryTableName, readHistoryRows, type StoredHistoryRow } from './history-rows';


/** A checkpoint is due hourly while any history row is not yet covered. */
export const CHECKPOINT_HOURLY_MS = 3_600_000;

/** How long a checkpoint waits on PostgreSQL for the writers in flight; shorter than the server's deadlock_timeout (1 s). */
const LOCK_TIMEOUT = '500ms';

/**
 * Makes the signed checkpoints (issue 21, item 2; docs/architecture.md §11, "Signed checkpoints"): one when at
 * least `CHECKPOINT_EVERY_ROWS` history rows have been written since the last, and one when the oldest row not
 * yet covered is an hour old (by the injected clock), each in its own transaction. A poll asks every
 * `CHECKPOINT_POLL_MS`; tests call {@link tick} themselves.
 *
 * Two instances never both make the same checkpoint: its id is the previous one's plus one and the primary key,
 * on both databases, refuses the second (which gives up; the next poll starts from the new last one). On
 * PostgreSQL, once a checkpoint is found due, the transaction locks the history tables in SHARE mode and reads
 * again, so the writers in flight commit before the highest seq is read: a row whose seq was drawn but not yet
 * committed would otherwise land inside a range already signed. The wait is bounded below the deadlock timeout, so a writer is never the one cancelled.
 */
@Injectable()
export class CheckpointsService implements OnApplicationShutdown {
  private readonly poller: IntervalPoller;
  private readonly logger = new Logger('Checkpoints');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CHECKPOINT_KEY) private readonly key: CheckpointKey,
    scheduler: SchedulerRegistry,
  ) {
    this.poller = new IntervalPoller(scheduler, 'history-checkpoints', () => this.tick());
  }

  start(): void {
    this.poller.start(this.config.checkpoints.pollMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  /** The public key as PEM and its id: what an inspector verifies an archive with. */
  publicKey(): { algorithm: 'Ed25519'; publicKeyPem: string; keyId: string; ephemeral: boolean } {
    return { algorithm: 'Ed25519', publicKeyPem: this.key.publicKeyPem, keyId: this.key.keyId, ephemeral: this.key.ephemeral };
  }

  /** Makes a checkpoint if one is due; returns it, or null when none was due (or another instance made it). */
  async tick(): Promise<Checkpoint | null> {
    try {
      return await this.uow.run((tx) => this.makeIfDue(tx));
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      if (error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '55P03') {
        this.logger.warn('A checkpoint waited too long for the history writers in flight; the next poll tries again.');
        return null;
      }
      throw error;
    }
  }

  private async makeIfDue(tx: EntityManager): Promise<Checkpoint | null> {
    const postgres = !this.uow.isSqlite;
    const now = this.clock.now();
    // Most polls find nothing due: they read without holding up a writer, and lock only when a checkpoint is due.
    if (postgres && this.reasonFor(await readUncovered(tx, await readLastCheckpoint(tx)), now) === null) return null;
    if (postgres) {
      await tx.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await tx.query(`LOCK TABLE ${CHECKPOINTED_TABLES.map((t) => t.table).join(', ')} IN SHARE MODE`);
    }
    const previous = await readLastCheckpoint(tx);
    const uncovered = await readUncovered(tx, previous);
    const reason = this.reasonFor(uncovered, now);
    if (reason === null) return null;
    const checkpoint = makeCheckpoint(this.key.privateKey, previous, { madeAt: now, reason, seqs: uncovered.seqs, heads: uncovered.heads });
    await insertCheckpoint(tx, checkpoint, postgres);
    this.logger.log(`Checkpoint ${checkpoint.id} (${reason}) signed ${uncovered.rows} history row(s).`);
    return checkpoint;
  }

  /** Why a checkpoint is due now over `uncovered`, or null when none is. */
  private reasonFor(uncovered: { rows: number; oldestAt: string | null }, now: Date): 'rows' | 'hourly' | null {
    if (uncovered.rows === 0) return null;
    if (uncovered.rows >= this.config.checkpoints.everyRows) return 'rows';
    return uncovered.oldestAt !== null && now.getTime() - Date.parse(uncovered.oldestAt) >= CHECKPOINT_HOURLY_MS ? 'hourly' : null;
  }

  /** Verifies every checkpoint against the history as stored now, with this service's public key. */
  async verify(): Promise<CheckpointVerification> {
    return this.uow.read(async (m) => {
      const checkpoints = await readCheckpoints(m);
      const history = {} as Record<HistoryTableName, StoredHistoryRow[]>;
      for (const t of CHECKPOINTED_TABLES) history[t.table] = await readHistoryRows(m, t, { payload: false });
      return verifyCheckpoints(this.key.publicKey, checkpoints, history);
    });
  }
}
