import { createHmac, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import ipaddr from 'ipaddr.js';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import type { AppConfig } from '../config';
import { currentRequest } from './request-context';

/**
 * Operational logs (issue 18, item 6; docs/operations.md "Logs and health", docs/security.md "Logs"): one JSON object a
 * line (pino), every line written while a request is handled carries its request id (`reqId`, the X-Request-Id
 * of src/http/request-context.ts), one access line per request, and nothing that identifies a person or
 * lets someone act as one. The service handles who phoned whom and who used which IP address; its logs are
 * read by people who have no right to that (ASVS 5.0 V16.2.5, V14.2.4), so redaction is not optional: it is
 * switched off only for the control run of the log audit (LOG_REDACTION=false, refused in production).
 */

/** Injection token for the application's pino logger. */
export const LOGGER = Symbol('LOGGER');

/** LOG_LEVEL keeps Nest's names (docs/operations.md); pino's levels below them. */
export const PINO_LEVEL: Readonly<Record<AppConfig['logLevel'], Level>> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

export type LoggingConfig = Pick<AppConfig, 'logLevel' | 'logRedaction'>;

export const REDACTED = '[redacted]';

/**
 * Field names whose values are credentials or secrets wherever they sit in a logged object (ASVS 5.0 V16.2.5:
 * no credentials or session tokens in logs): passwords, access and refresh tokens, secrets, the Authorization
 * header, cookies and Set-Cookie, API keys, a SPOC's PIN.
 */
const SECRET_KEY = /pass(word|wd|phrase)?|secret|token|authori[sz]ation|cookie|api[-_]?key|credential|pin$/i;

/**
 * Identifier values in free text, in the order they are tried: a JSON Web Token first (its parts could look
 * like anything else), then a credential after an HTTP auth scheme, e-mail addresses, IP addresses (validated by
 * node:net, so a time like 10:00:00 stays; pseudonymised, see ipOr), telephone numbers (international with +, UK national from 0), an
 * IMEI written in its groups, and any other run of 10 or more digits (an IMEI or IMSI, a number typed without
 * spaces). A run inside a word or a UUID is left alone (it is not an identifier value of ours).
 */
const SCRUBBERS: readonly (readonly [RegExp, (match: string, ...groups: string[]) => string])[] = [
  [/eyJ[\w-]{4,}(?:\.[\w-]*){0,2}/g, () => '[jwt]'],
  [/\b(Bearer|Basic|Digest|Token)\s+[\w.~+/=:-]+/gi, (_m, scheme) => `${scheme} ${REDACTED}`],
  [/[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, () => '[email]'],
  [/(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})(?:%[\w.]+)?(?![\w:])/g, ipOr],
  [/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)/g, ipOr],
  [/(?<![\w+])\+\d[\d ()-]{6,18}\d(?![\w-])/g, (m) => (digits(m) >= 8 && digits(m) <= 15 ? '[phone]' : m)],
  [/(?<![\w-])0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}(?![\w-])/g, (m) => (digits(m) === 10 || digits(m) === 11 ? '[phone]' : m)],
  [/(?<![\w-])\d{2}[ -]\d{6}[ -]\d{6}(?:[ -]\d{1,2})?(?![\w-])/g, () => '[imei]'],
  [/(?<![\w-])\d{10,20}(?![\w-])/g, () => '[number]'],
];

function digits(text: string): number {
  return text.replace(/\D/g, '').length;
}

/** Per process, never stored: an address's pseudonym is the same on every line of one instance's life, and no more. */
const PSEUDONYM_KEY = randomBytes(32);

/**
 * An IP address becomes `[ip-<pseudonym>]`: the lines of a failed sign-in still show that the same address
 * failed again (ASVS 5.0 V16.3.1), without the address. Loopback and unspecified addresses (the service's own
 * HOST, a local client) name no one and are kept.
 */
function ipOr(candidate: string): string {
  const address = candidate.replace(/%.*$/, '');
  if (!isIP(address)) return candidate;
  const range = ipaddr.process(address).range();
  if (range === 'loopback' || range === 'unspecified') return candidate;
  return pseudonym('ip', address.toLowerCase());
}

/**
 * `[<kind>-<pseudonym>]`: the same value gives the same label on every line of this instance's life, and the
 * label gives nothing back (an address; what was typed as an unknown username, which is sometimes a password).
 */
export function pseudonym(kind: string, value: string): string {
  return `[${kind}-${createHmac('sha256', PSEUDONYM_KEY).update(value).digest('hex').slice(0, 10)}]`;
}

/** A string with every identifier value and credential replaced by a label naming its kind. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replace] of SCRUBBERS) out = out.replace(pattern, replace);
  return out;
}

const MAX_DEPTH = 8;

/**
 * A copy of a value about to be logged with credentials redacted by field name and identifier values scrubbed
 * from every string (and from long integers, which could be a number or an IMEI). Errors become plain objects
 * whose message and stack are scrubbed: a driver's message can quote the value it refused.
 */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e9 ? '[number]' : value;
  if (typeof value === 'bigint') return '[number]';
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return '[binary]';
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: scrubText(value.message) };
    if (value.stack) out.stack = scrubText(value.stack);
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') out.code = code;
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null && v !== '' ? redactSecret(v) : scrubValue(v, depth + 1, seen);
  }
  return out;
}

/** A credential's value, gone; an Authorization header keeps its scheme, so a 401's access line shows what was tried. */
function redactSecret(value: unknown): string {
  const scheme = typeof value === 'string' ? /^(Bearer|Basic|Digest)\s/i.exec(value) : null;
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/**
 * The application's logger. Level from LOG_LEVEL; the request id of the request being handled mixed into every
 * line; credentials and identifiers removed twice over: pino's path redaction for the headers an access line
 * carries, and the scrubber over every argument of every call (message, fields, errors).
 */
export function createLogger(config: LoggingConfig, destination?: DestinationStream): Logger {
  const redaction = config.logRedaction;
  const options: pino.LoggerOptions = {
    level: PINO_LEVEL[config.logLevel],
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      ...(redaction ? { bindings: (bindings: pino.Bindings) => scrubValue(bindings) as pino.Bindings } : {}),
    },
    mixin: () => {
      const context = currentRequest();
      return context ? { reqId: context.traceId } : {};
    },
    ...(redaction
      ? {
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.accessToken', '*.refreshToken'],
            censor: (value: unknown) => redactSecret(value),
          },
          hooks: {
            logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
              method.apply(this, args.map((arg) => scrubValue(arg)));
            },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** What a log line may show of a request's headers: enough to diagnose it, credentials present but redacted. */
const REQUEST_HEADERS = ['authorization', 'cookie', 'content-type', 'content-length', 'accept', 'if-match', 'idempotency-key', 'user-agent', 'x-forwarded-for'];
const RESPONSE_HEADERS = ['content-type', 'content-length', 'set-cookie', 'retry-after', 'location'];

function pick(headers: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

/**
 * The route a request matched (`/applications/:id`), never the URL it asked for: a path or query string can
 * carry an identifier (ASVS 5.0 V16.2.5). A request that matched no route is logged as `(unmatched)`.
 */
function routeOf(req: Request): string {
  const route: unknown = (req as { route?: unknown }).route;
  const path = typeof route === 'object' && route !== null ? (route as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : '(unmatched)';
}

/**
 * Express middleware, installed after the request context: one access line per request when its response ends
 * or the client goes away, with the request id, method, route, status and duration (ASVS 5.0 V16.2.1).
 */
export function accessLogMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const reqId = currentRequest()?.traceId;
    res.once('close', () => {
      const status = res.statusCode;
      const line = {
        reqId,
        req: { method: req.method, route: routeOf(req), headers: pick(req.headers, REQUEST_HEADERS) },
        res: { statusCode: status, headers: pick(res.getHeaders(), RESPONSE_HEADERS) },
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      };
      const message = res.writableFinished ? 'request completed' : 'request aborted';
      if (status >= 500) logger.error(line, message);
      else logger.info(line, message);
    });
    next();
  };
}

/**
 * Nest's LoggerService over pino, so every `new Logger(context)` of src/ writes the same JSON lines.
 * Nest calls `log(message, context)` and `error(message, stack, context)`, context last.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = params.filter((p) => p !== undefined);
    const last = rest.at(-1);
    const context = typeof last === 'string' && !last.includes('\n') ? (rest.pop() as string) : undefined;
    const stack = level === 'error' || level === 'fatal' ? rest.find((p): p is string => typeof p === 'string') : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
