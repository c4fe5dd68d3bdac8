import { createHash } from 'node:crypto';
import { DomainException } from '../../http/domain-exception';
import { csvDeliveryPart, readJsonDelivery } from './return-delivery';

const CSV = 'ip_address,port,observed_time,subscriber_name,address,address_type\n';
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

function delivery(over: Record<string, unknown> = {}, binary: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Reference: 'GB-a-t',
    DeliveryID: 'D1',
    SequenceNumber: 1,
    LastSequence: true,
    Delivery: { BinaryData: { Data: Buffer.from(CSV).toString('base64'), ContentType: 'text/csv', Checksum: sha(CSV), ...binary } },
    ...over,
  });
}

const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (error) {
    return error instanceof DomainException ? error.code : 'not a domain exception';
  }
};

describe('readJsonDelivery', () => {
  it('reads a DeliveryObject, with or without its namespace prefixes, and gives the payload’s bytes', () => {
    expect(readJsonDelivery(delivery())).toEqual({ reference: 'GB-a-t', deliveryId: 'D1', sequenceNumber: 1, lastSequence: true, payload: Buffer.from(CSV) });
    const prefixed = JSON.stringify({
      'delivery:Reference': 'GB-a-t',
      'delivery:DeliveryID': 'D1',
      'delivery:SequenceNumber': 2,
      'delivery:LastSequence': false,
      'delivery:Delivery': { 'delivery:BinaryData': { 'delivery:Data': Buffer.from(CSV).toString('base64'), 'delivery:ContentType': 'text/csv; charset=utf-8', 'delivery:Checksum': sha(CSV).toUpperCase() } },
    });
    expect(readJsonDelivery(prefixed)).toMatchObject({ sequenceNumber: 2, lastSequence: false });
  });

  it('refuses a payload whose checksum does not match its bytes', () => {
    expect(codeOf(() => readJsonDelivery(delivery({}, { Checksum: sha('something else') })))).toBe('RETURN_CHECKSUM_MISMATCH');
  });

  it('refuses what is not a DeliveryObject it reads: not JSON, a field missing or wrong, not base64, not CSV', () => {
    expect(codeOf(() => readJsonDelivery('{'))).toBe('RETURN_DELIVERY_INVALID');
    expect(codeOf(() => readJsonDelivery(delivery({ SequenceNumber: 0 })))).toBe('RETURN_DELIVERY_INVALID');
    expect(codeOf(() => readJsonDelivery(delivery({ LastSequence: 'yes' })))).toBe('RETURN_DELIVERY_INVALID');
    expect(codeOf(() => readJsonDelivery(delivery({ Reference: ' ' })))).toBe('RETURN_DELIVERY_INVALID');
    expect(codeOf(() => readJsonDelivery(delivery({}, { Data: 'not base64!' })))).toBe('RETURN_DELIVERY_INVALID');
    expect(codeOf(() => readJsonDelivery(delivery({}, { ContentType: 'application/pdf' })))).toBe('RETURN_DELIVERY_INVALID');
    expect(codeOf(() => readJsonDelivery(delivery({}, { Checksum: 'abc' })))).toBe('RETURN_DELIVERY_INVALID');
  });
});

describe('csvDeliveryPart', () => {
  it('takes a file on its own as the whole of a delivery named by its hash', () => {
    expect(csvDeliveryPart({}, 'ab')).toEqual({ reference: null, deliveryId: 'sha256:ab', sequenceNumber: 1, lastSequence: true });
  });

  it('reads the part’s place from the form fields, and refuses a bad one', () => {
    expect(csvDeliveryPart({ deliveryId: 'EM-7', sequenceNumber: '3', lastSequence: 'false' }, 'ab')).toEqual({ reference: null, deliveryId: 'EM-7', sequenceNumber: 3, lastSequence: false });
    const bad: Record<string, string>[] = [{ sequenceNumber: '0' }, { sequenceNumber: '1.5' }, { lastSequence: 'yes' }, { deliveryId: 'x'.repeat(201) }];
    for (const fields of bad) {
      expect(codeOf(() => csvDeliveryPart(fields, 'ab'))).toBe('RETURN_DELIVERY_INVALID');
    }
  });
});
