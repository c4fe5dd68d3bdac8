import { registerDecorator, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { ENTITY_SUBTYPES, EVENTS_SUBTYPES, type IdentifierType } from '../workflow/application.types';
import { normaliseIdentifier } from './identifiers';
import { checkPeriod, parseInstantWithOffset } from './period';

/** The entity subtype that resolves an IP address to its user at a time (docs/law.md §3.4). */
const IP_RESOLUTION = 'ipAddressResolution';

/** Longest free text (justifications, descriptions) and longest short text (names, references). */
export const TEXT_MAX = 20_000;
export const SHORT_MAX = 500;

/** Optional and nullable: a draft may be saved half-written; the guards say what is missing. */
export const Maybe = () => ValidateIf((_o, v) => v !== undefined && v !== null);

/**
 * The identifier's value must normalise for its `type` (E.164 for +44 including the Crown Dependencies,
 * Luhn-checked IMEI, canonical IP…): a transposed digit is the top error cause (docs/law.md §3.3; IPCO-17
 * 14.26), so it is refused at the door with the reason, at `identifiers[i].value`.
 */
export function IsIdentifierValue(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIdentifierValue',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const type = (args.object as { type?: IdentifierType }).type;
          if (typeof value !== 'string' || typeof type !== 'string') return false;
          return normaliseIdentifier(type, value).ok;
        },
        defaultMessage(args: ValidationArguments) {
          const type = (args.object as { type?: IdentifierType }).type;
          if (typeof args.value !== 'string' || typeof type !== 'string') return 'value must be a string';
          const result = normaliseIdentifier(type, args.value);
          return result.ok ? 'valid' : `not a valid ${type}: ${result.reason}`;
        },
      },
    });
}

/** An ISO 8601 instant with an explicit offset; a time without one is ambiguous (docs/law.md §3.4; IPCO-17 14.59). */
export function IsInstantWithOffset(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstantWithOffset',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseInstantWithOffset(value).ok,
        defaultMessage(args: ValidationArguments) {
          if (typeof args.value !== 'string') return `${args.property} must be an ISO 8601 date-time string`;
          const result = parseInstantWithOffset(args.value);
          return result.ok ? 'valid' : result.reason;
        },
      },
    });
}

/**
 * The period's end must come after its start (checked on the end field, so the error names it). An IP address
 * resolution may name one instant instead, start and end the same: the user of an address at a time (docs/law.md
 * §3.4), which the standard request sends as one observed time (docs/law.md §8.1).
 */
export function IsAfterPeriodStart(startProperty: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAfterPeriodStart',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const item = args.object as Record<string, unknown>;
          const start = item[startProperty];
          if (typeof value !== 'string' || typeof start !== 'string') return true;
          const [from, to] = [parseInstantWithOffset(start), parseInstantWithOffset(value)];
          if (!from.ok || !to.ok) return true;
          if (item.subtype === IP_RESOLUTION && from.instant.getTime() === to.instant.getTime()) return true;
          return checkPeriod(start, value).ok;
        },
        defaultMessage: () => 'the period must start before it ends (an IP address resolution may name one instant)',
      },
    });
}

/** Entity data and events data have different subtypes (IPA s.261(3)–(4); docs/law.md §3.4). */
export function IsSubtypeOfCategory(categoryProperty: string, options?: ValidationOptions) {
  const lists: Record<string, readonly string[]> = { entity: ENTITY_SUBTYPES, events: EVENTS_SUBTYPES };
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isSubtypeOfCategory',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const list = lists[String((args.object as Record<string, unknown>)[categoryProperty])];
          return typeof value === 'string' && (list === undefined || list.includes(value));
        },
        defaultMessage(args: ValidationArguments) {
          const category = String((args.object as Record<string, unknown>)[categoryProperty]);
          const list = lists[category];
          return list ? `subtype must be one of ${list.join(', ')} for category ${category}` : 'subtype must be a string';
        },
      },
    });
}
