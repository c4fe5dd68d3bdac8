import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import type { Principal } from './principal';

/** The channel every instance listens on (migrations/1764050000000-sessions.ts announces user and authority changes on it too). */
const CHANNEL = 'cd_auth_changed';
const RECONNECT_MS = 1000;

/** A session as the guard needs it, with its user, as last read from the database. */
export interface CachedSession {
  readonly sessionId: string;
  readonly principal: Principal;
  readonly expiresAt: number;
  /** The last request recorded in the database (kept to within a minute). */
  lastActiveAt: number;
  /** When this copy was read from the database. */
  readonly readAt: number;
}

type Announcement = `session:${string}` | `user:${string}` | `authority:${string}`;

/**
 * The guard's copy of sessions and their users, so a request is checked without a database round trip
 * (issue 18). A copy is trusted for `AUTH_CACHE_SECONDS`; anything that ends a session or changes a user or
 * an authority is announced, and every instance drops the copies it concerns at once: on PostgreSQL over
 * LISTEN/NOTIFY (sent in the changing transaction, so heard only once it commits; a trigger announces
 * changes made in the database by hand), on the embedded database, which has one process, in memory. While
 * an instance cannot hear announcements (its listening connection is down), it caches nothing.
 */
@Injectable()
export class SessionCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SessionCache');
  private readonly entries = new Map<string, CachedSession>();
  /** Bumped by every forget: a copy read before a change was announced must not be stored after it. */
  private generation = 0;
  private listener: Client | null = null;
  private listening = false;
  private stopped = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get postgres(): boolean {
    return this.config.database.kind === 'postgres';
  }

  async onModuleInit(): Promise<void> {
    if (this.postgres && this.config.session.cacheMs > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const listener = this.listener;
    this.listener = null;
    this.listening = false;
    await listener?.end().catch(() => undefined);
  }

  /** The copy of a session, if one is held and still to be trusted at `now` (ms). */
  get(sessionId: string, now: number): CachedSession | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (!this.enabled || now - entry.readAt >= this.config.session.cacheMs) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry;
  }

  /** Taken before reading a copy from the database, and handed to `put`. */
  ticket(): number {
    return this.generation;
  }

  /**
   * Keeps a copy read from the database, unless something was forgotten since its `ticket` was taken: the
   * read may have seen the state before a revocation that was announced while it ran.
   */
  put(entry: CachedSession, ticket: number): void {
    if (this.enabled && ticket === this.generation) this.entries.set(entry.sessionId, entry);
  }

  /**
   * Announces, inside the changing transaction, that a session ended or a user or authority changed: every
   * instance (this one included) drops its copies once the transaction commits.
   */
  async announce(tx: EntityManager, what: Announcement): Promise<void> {
    if (this.postgres) await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, what]);
  }

  /** Drops this instance's copies at once (after the announcing transaction committed). */
  forget(what: Announcement): void {
    this.generation += 1;
    const [kind, id] = what.split(/:(.*)/s) as [string, string];
    for (const [key, entry] of this.entries) {
      const concerned =
        (kind === 'session' && key === id) || (kind === 'user' && entry.principal.id === id) || (kind === 'authority' && entry.principal.authorityId === id);
      if (concerned) this.entries.delete(key);
    }
  }

  private get enabled(): boolean {
    return this.config.session.cacheMs > 0 && (!this.postgres || this.listening);
  }

  private async listen(): Promise<void> {
    if (this.config.database.kind !== 'postgres' || this.stopped) return;
    // Keep-alive, so a connection that died silently is noticed (and its copies dropped) rather than trusted.
    const client = new Client({ connectionString: this.config.database.url, keepAlive: true, connectionTimeoutMillis: 10_000 });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.forget(message.payload as Announcement);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Shut down while connecting: this connection must not outlive the app.
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      this.listening = true;
    } catch (error) {
      this.logger.warn(`cannot listen for session changes (${error instanceof Error ? error.message : String(error)}); not caching, trying again`);
      await client.end().catch(() => undefined);
      this.retry();
    }
  }

  /** The listening connection dropped: what it would have heard is unknown, so every copy goes. */
  private lost(client: Client): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.listening = false;
    this.generation += 1;
    this.entries.clear();
    if (!this.stopped) {
      this.logger.warn('lost the connection that hears session changes; not caching until it is back');
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    setTimeout(() => void this.listen(), RECONNECT_MS).unref();
  }
}
