import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { LoginAttemptEntity } from './login-attempt.entity';
import { UserEntity } from './user.entity';

/** A throttling key and how many failed attempts it may have in the window. */
export interface ThrottleKey {
  /** What the key counts, for the log: the username or the client address. */
  readonly kind: 'username' | 'address';
  readonly value: string;
  readonly limit: number;
}

export type AttemptAdmission =
  | { readonly admitted: true; readonly ids: readonly string[] }
  | { readonly admitted: false; readonly retryAfterSeconds: number; readonly over: ThrottleKey['kind'] };

/**
 * The store the login throttle counts in (docs/security.md "Login abuse limits"): rows of `login_attempt` in
 * the one database every instance shares, so a limit holds across instances (ASVS 5.0 V6.3.1).
 *
 * An attempt is counted BEFORE the password is checked, and un-counted when it succeeds: counting only after a
 * failure would let a burst of parallel guesses all pass the check before any of them is recorded. Admission
 * is one transaction per attempt that holds a lock per key (SQLite: the writer lock of BEGIN IMMEDIATE; PostgreSQL:
 * a transaction-level advisory lock per key), so two admissions for one key never both see room for one.
 */
@Injectable()
export class LoginAttempts {
  constructor(private readonly uow: UnitOfWork) {}

  /** Whether a username is an account's (the log then names it; src/auth/login-throttle.ts). */
  async namesAccount(username: string): Promise<boolean> {
    return (await this.uow.read((m) => m.count(UserEntity, { where: { username } }))) > 0;
  }

  /**
   * Admits the attempt when every key has fewer than its limit of attempts in the window (recording it against
   * each), or refuses it, recording nothing, with the seconds until the first key over its limit has room again.
   * Rows older than the window are pruned on the way.
   */
  admit(keys: readonly ThrottleKey[], now: Date, windowMs: number): Promise<AttemptAdmission> {
    const since = new Date(now.getTime() - windowMs);
    return this.uow.run(async (tx) => {
      const stored = keys.map((key) => ({ key, stored: storedKey(key) }));
      if (!this.uow.isSqlite) {
        // In a fixed order, so two attempts locking the same two keys cannot deadlock.
        for (const s of [...new Set(stored.map((k) => k.stored))].sort()) {
          await tx.query(`SELECT pg_advisory_xact_lock(hashtext('login_attempt'), hashtext($1))`, [s]);
        }
      }
      await tx.delete(LoginAttemptEntity, { at: LessThanOrEqual(since) });
      let refusal: { retryAfterSeconds: number; over: ThrottleKey['kind'] } | null = null;
      for (const { key, stored: s } of stored) {
        const oldestCounted = await limitthNewest(tx, s, since, key.limit);
        if (!oldestCounted) continue;
        // The key has room again once its limit-th newest attempt leaves the window.
        const retryAfterSeconds = Math.max(1, Math.ceil((oldestCounted.getTime() + windowMs - now.getTime()) / 1000));
        if (!refusal || retryAfterSeconds > refusal.retryAfterSeconds) refusal = { retryAfterSeconds, over: key.kind };
      }
      if (refusal) return { admitted: false, ...refusal };
      const rows = stored.map(({ stored: s }) => tx.create(LoginAttemptEntity, { id: randomUUID(), key: s, at: now }));
      await tx.insert(LoginAttemptEntity, rows);
      return { admitted: true, ids: rows.map((r) => r.id) };
    });
  }

  /** Un-counts an admitted attempt that was not a failed sign-in (it succeeded, or the request was malformed). */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.uow.run((tx) => tx.delete(LoginAttemptEntity, { id: In([...ids]) }));
  }
}

/** The `at` of the key's `limit`-th newest attempt in the window, or null when it has fewer than `limit`. */
async function limitthNewest(tx: EntityManager, key: string, since: Date, limit: number): Promise<Date | null> {
  const row = await tx
    .createQueryBuilder(LoginAttemptEntity, 'a')
    .select('a.at', 'at')
    .where('a.key = :key', { key })
    .andWhere('a.at > :since', { since: since.toISOString() })
    .orderBy('a.at', 'DESC')
    .offset(limit - 1)
    .limit(1)
    .getRawOne<{ at: string }>();
  return row ? new Date(row.at) : null;
}

/**
 * A digest, never the value: what was typed as a username is sometimes a password, and an address is personal
 * data; neither needs to be readable to be counted.
 */
function storedKey(key: ThrottleKey): string {
  const value = key.kind === 'username' ? key.value.toLowerCase() : key.value;
  return `${key.kind === 'username' ? 'user' : 'addr'}:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}
