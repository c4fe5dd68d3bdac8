import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import type { Request } from 'express';
import ipaddr from 'ipaddr.js';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { DomainException } from '../http/domain-exception';
import { pseudonym } from '../http/logging';
import { ApiThrottled } from '../http/openapi';
import type { Clock } from '../workflow/clock';
import { LoginAttempts, type ThrottleKey } from './login-attempts.repository';

/** The longest username the log carries: the login DTO refuses longer ones, but the throttle reads the body first. */
const LOGGED_USERNAME_MAX = 100;

/**
 * Login abuse limits (docs/security.md "Login abuse limits"; ASVS 5.0 V6.3.1, V2.4.1; OWASP API4:2023 and
 * API2:2023). Around `POST /auth/login`:
 *
 * - before the handler, the attempt is counted against its username and its client address in the shared
 *   `login_attempt` table; over either limit within the window it is refused with `AUTH_THROTTLED` (429) and
 *   `Retry-After`, without the password being checked, so even the right password is refused while throttled:
 *   that is what stops guessing;
 * - after it, a sign-in that did not fail on its credentials (it succeeded, or the body was malformed) is
 *   un-counted; one refused with `AUTH_INVALID_CREDENTIALS` stays counted;
 * - every failed sign-in is logged (ASVS 5.0 V16.3.1) as a structured object with the username, the address and
 *   the reason, and never the password (ASVS 5.0 V16.2.5); a successful one is logged too.
 *
 * `@nestjs/throttler` was considered: its guard counts every request before the handler and cannot tell a
 * failed sign-in from a successful one, and its storage keeps its own time rather than the injected clock.
 */
@Injectable()
export class LoginThrottleInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly attempts: LoginAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const body: unknown = request.body;
    const typed = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).username : undefined;
    const username = typeof typed === 'string' && typed.length > 0 ? typed : undefined;
    // `trust proxy` is off, so this is the peer's address and a client cannot choose it by sending
    // X-Forwarded-For (docs/operations.md "Behind a reverse proxy").
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const limits = this.config.loginThrottle;
    const keys: ThrottleKey[] = [{ kind: 'address', value: addressKey(address), limit: limits.maxFailuresPerAddress }];
    if (username !== undefined) keys.push({ kind: 'username', value: username, limit: limits.maxFailuresPerUsername });

    const admission = await this.attempts.admit(keys, this.clock.now(), limits.windowMs);
    if (!admission.admitted) {
      await this.logFailure(username, address, 'throttled', admission.over);
      // RFC 6585 §4: the answer says how long to wait, in seconds (the problem filter sets Retry-After).
      throw new DomainException(
        'AUTH_THROTTLED',
        `Too many failed sign-ins. Try again in ${admission.retryAfterSeconds} second${admission.retryAfterSeconds === 1 ? '' : 's'}.`,
        { retryAfterSeconds: admission.retryAfterSeconds },
      );
    }

    return from(this.settle(next, admission.ids, username, address));
  }

  private async settle(next: CallHandler, ids: readonly string[], username: string | undefined, address: string): Promise<unknown> {
    let result: unknown;
    try {
      result = await lastValueFrom(next.handle());
    } catch (error) {
      if (error instanceof DomainException && error.code === 'AUTH_INVALID_CREDENTIALS') {
        // The attempt stays counted against its username and its address.
        await this.logFailure(username, address, 'wrong credentials');
      } else {
        await this.release(ids);
      }
      throw error;
    }
    await this.release(ids);
    this.logger.log({ event: 'login.succeeded', username: forLog(username), address });
    return result;
  }

  /** Un-counting failed is logged, not answered: the attempt then simply counts until it leaves the window. */
  private async release(ids: readonly string[]): Promise<void> {
    try {
      await this.attempts.release(ids);
    } catch (error) {
      this.logger.error({ event: 'login.release-failed', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** `limit`: which limit refused a throttled attempt, the username's or the address's. */
  private async logFailure(username: string | undefined, address: string, reason: 'wrong credentials' | 'throttled', limit?: ThrottleKey['kind']): Promise<void> {
    this.logger.warn({ event: 'login.failed', username: await this.usernameForLog(username), address, reason, ...(limit ? { limit } : {}) });
  }

  /**
   * A username that names an account, as typed; anything else as a pseudonym: what is typed as a username is
   * sometimes a password, and it must not reach a log (ASVS 5.0 V16.2.5). Repeats still show as repeats.
   */
  private async usernameForLog(username: string | undefined): Promise<string | null> {
    if (username === undefined) return null;
    return (await this.attempts.namesAccount(username)) ? forLog(username) : pseudonym('username', username);
  }
}

function forLog(username: string | undefined): string | null {
  return username === undefined ? null : username.slice(0, LOGGED_USERNAME_MAX);
}

/** Puts the login abuse limits on a route, and declares its 429 answer with `Retry-After` (docs/architecture.md §8). */
export function LoginThrottled(): MethodDecorator {
  return applyDecorators(UseInterceptors(LoginThrottleInterceptor), ApiThrottled('seconds to wait before signing in again'));
}

/**
 * What the per-address limit counts an address as: an IPv4 address itself (an IPv4-mapped IPv6 one too), an
 * IPv6 address by its /64, which one subscriber commonly holds whole, so a new address each try is not a
 * new allowance.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${v6.toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}
