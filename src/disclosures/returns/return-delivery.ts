import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DomainException } from '../../http/domain-exception';

/** The one payload type a JSON delivery may carry: a CSV file of the item's record type (docs/returns.md). */
export const DELIVERY_PAYLOAD_TYPE = 'text/csv';

/** A part of a delivery, as the CSP labelled it: which task it answers and where it sits in the delivery. */
export interface DeliveryPart {
  /** The LD task's reference for a JSON delivery; null for a CSV upload, which names its data item instead. */
  reference: string | null;
  deliveryId: string | null;
  sequenceNumber: number;
  lastSequence: boolean;
}

/** A JSON delivery read and verified: its place in the delivery and its payload's bytes. */
export interface JsonDelivery extends DeliveryPart {
  reference: string;
  deliveryId: string;
  payload: Buffer;
}

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * ETSI TS 103 120's DeliveryObject, in its JSON form with the namespace prefixes taken off (docs/returns.md;
 * docs/law.md §8): the task's reference, the delivery's id, the part's sequence number and last-part flag, and
 * a binary payload with its SHA-256 checksum.
 */
const DELIVERY_OBJECT = z.object({
  Reference: text(200),
  DeliveryID: text(200),
  SequenceNumber: z.number().int().min(1).max(100_000),
  LastSequence: z.boolean(),
  Delivery: z.object({
    BinaryData: z.object({
      Data: z.string(),
      ContentType: z.string(),
      Checksum: z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'must be a SHA-256 checksum in hex' }),
    }),
  }),
});

/** `{ 'delivery:Reference': … }` → `{ Reference: … }`, at every depth: the JSON form of an XML namespace prefix says nothing here. */
function withoutPrefixes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrefixes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.slice(key.indexOf(':') + 1), withoutPrefixes(inner)]));
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Reads a JSON delivery (already checked to be UTF-8): its shape, its payload's type, the base64, and the
 * checksum over the decoded bytes. Any fault is a 4xx problem and nothing is stored: a payload whose checksum
 * does not match was damaged or altered on the way, and no row of it can be trusted.
 */
export function readJsonDelivery(json: string): JsonDelivery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new DomainException('RETURN_DELIVERY_INVALID', 'The delivery is not valid JSON.');
  }
  const result = DELIVERY_OBJECT.safeParse(withoutPrefixes(parsed));
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message, code: 'RETURN_DELIVERY_INVALID' }));
    throw new DomainException('RETURN_DELIVERY_INVALID', `The delivery is not a DeliveryObject this service reads: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
  }
  const object = result.data;
  const binary = object.Delivery.BinaryData;
  if (binary.ContentType.split(';')[0].trim().toLowerCase() !== DELIVERY_PAYLOAD_TYPE) {
    throw new DomainException('RETURN_DELIVERY_INVALID', `The delivery's payload is ${binary.ContentType}; this service reads ${DELIVERY_PAYLOAD_TYPE} payloads.`);
  }
  const data = binary.Data.replace(/\s+/g, '');
  if (!BASE64.test(data) || data.length % 4 !== 0) throw new DomainException('RETURN_DELIVERY_INVALID', "The delivery's payload is not base64.");
  const payload = Buffer.from(data, 'base64');
  const actual = createHash('sha256').update(payload).digest('hex');
  if (actual !== binary.Checksum.toLowerCase()) {
    throw new DomainException('RETURN_CHECKSUM_MISMATCH', `The payload's SHA-256 is ${actual}, not the ${binary.Checksum.toLowerCase()} the delivery states: it was damaged or altered on the way.`);
  }
  return { reference: object.Reference, deliveryId: object.DeliveryID, sequenceNumber: object.SequenceNumber, lastSequence: object.LastSequence, payload };
}

/**
 * A CSV upload's place in its delivery, from its form fields: `sequenceNumber` (default 1), `lastSequence`
 * (default true: a file on its own is the whole delivery) and `deliveryId` (default: the file's hash, a
 * delivery of one part).
 */
export function csvDeliveryPart(fields: Readonly<Record<string, string>>, sha256: string): DeliveryPart & { deliveryId: string } {
  const sequence = fields.sequenceNumber ?? '1';
  if (!/^[1-9]\d{0,5}$/.test(sequence)) throw new DomainException('RETURN_DELIVERY_INVALID', 'sequenceNumber must be a whole number from 1.');
  const last = fields.lastSequence ?? 'true';
  if (last !== 'true' && last !== 'false') throw new DomainException('RETURN_DELIVERY_INVALID', 'lastSequence must be true or false.');
  const deliveryId = (fields.deliveryId ?? '').trim() || `sha256:${sha256}`;
  if (deliveryId.length > 200) throw new DomainException('RETURN_DELIVERY_INVALID', 'deliveryId must be at most 200 characters.');
  return { reference: null, deliveryId, sequenceNumber: Number(sequence), lastSequence: last === 'true' };
}
