import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import busboy from 'busboy';
import { DomainException } from '../../http/domain-exception';
import { invalidFormField } from '../../http/input-hygiene';

/** The upload's form fields (at most this many, each at most this long): the part's place in its delivery. */
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 1024;

/** A file received whole, on local disk, with what was learnt while it streamed in. */
export interface SpooledFile {
  path: string;
  sizeBytes: number;
  /** SHA-256 of the bytes as received, hex. */
  sha256: string;
  fileName: string;
  contentType: string;
}

export interface SpooledUpload {
  fields: Readonly<Record<string, string>>;
  file: SpooledFile;
}

const invalid = (detail: string) => new DomainException('RETURN_DELIVERY_INVALID', detail);

/**
 * Streams a `multipart/form-data` upload of one file to a temporary file (deleted by the caller), hashing it
 * and checking it is UTF-8 as it arrives, never holding it in memory (docs/returns.md "Uploading"). The file
 * is taken whole before anything is read from it, so a slow sender never holds a database transaction open.
 * Refused: not multipart (415), over `maxBytes` (413), no file or more than one, an empty file, bytes that are
 * not UTF-8 (422). Busboy is the parser: it enforces the limits as it streams.
 */
export async function spoolUpload(
  request: IncomingMessage,
  options: {
    maxBytes: number;
    dir: string;
    /**
     * Runs on the fields received so far when the file part starts, before a byte of it is written: an error it
     * throws refuses the upload (the file's bytes are read and dropped). The web form's CSRF check (src/web).
     */
    beforeFile?: (fields: Readonly<Record<string, string>>) => void;
  },
): Promise<SpooledUpload> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, fileSize: options.maxBytes, parts: MAX_FIELDS + 1 },
    });
  } catch {
    throw new DomainException('UNSUPPORTED_MEDIA_TYPE', 'Send the return as multipart/form-data, with the file in a part named "file".');
  }
  const path = join(options.dir, `cd-return-${randomUUID()}`);
  const fields: Record<string, string> = {};
  let file: SpooledFile | null = null;
  let failure: Error | null = null;
  let out: WriteStream | null = null;
  const fail = (error: Error) => {
    failure ??= error;
  };

  parser.on('field', (name, value, info) => {
    if (info.valueTruncated || info.nameTruncated) fail(invalid(`The form field "${name}" is longer than ${MAX_FIELD_BYTES} bytes.`));
    else {
      // The form's text fields get the JSON bodies' check (src/http/input-hygiene.ts); the file is bytes.
      const refused = invalidFormField(name, value);
      if (refused) fail(refused);
      else fields[name] = value;
    }
  });
  parser.on('fieldsLimit', () => fail(invalid(`Send at most ${MAX_FIELDS} form fields.`)));
  parser.on('partsLimit', () => fail(invalid('The upload has too many parts.')));
  parser.on('filesLimit', () => fail(invalid('Send one file per return: each part of a delivery is its own upload.')));
  const received = new Promise<void>((resolve, reject) => {
    parser.on('file', (name, stream, info) => {
      if (name === 'file' && !failure && options.beforeFile) {
        try {
          options.beforeFile(fields);
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
        }
      }
      if (name !== 'file' || failure) {
        if (name !== 'file') fail(invalid(`The file must be in a part named "file", not "${name}".`));
        stream.resume();
        return;
      }
      const hash = createHash('sha256');
      const utf8 = new TextDecoder('utf-8', { fatal: true });
      let size = 0;
      out = createWriteStream(path);
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
        if (!failure) {
          try {
            utf8.decode(chunk, { stream: true });
          } catch {
            fail(new DomainException('RETURN_NOT_UTF8', `The file is not UTF-8 text: the bytes near byte ${size - chunk.length} cannot be read as UTF-8.`));
          }
        }
      });
      stream.on('limit', () => fail(new DomainException('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${options.maxBytes} bytes.`)));
      stream.on('end', () => {
        if (!failure) {
          try {
            utf8.decode();
          } catch {
            fail(new DomainException('RETURN_NOT_UTF8', 'The file is not UTF-8 text: it ends in the middle of a character.'));
          }
        }
        file = { path, sizeBytes: size, sha256: hash.digest('hex'), fileName: info.filename ?? 'return', contentType: info.mimeType };
      });
      stream.pipe(out);
    });
    parser.on('close', resolve);
    parser.on('error', reject);
  });
  request.pipe(parser);
  try {
    await received;
    if (out) await finished(out);
  } catch (error) {
    fail(error instanceof DomainException ? error : invalid('The multipart upload could not be read to its end.'));
  }
  // Set by the parser's callbacks, which the compiler's flow analysis does not follow.
  const refused = failure as Error | null;
  if (refused) {
    // Read what the sender is still sending, so that the answer reaches it (a socket closed mid-upload loses it).
    request.unpipe(parser);
    request.resume();
    await rm(path, { force: true });
    throw refused;
  }
  const spooled = file as SpooledFile | null;
  if (!spooled) throw invalid('The upload has no file: send it in a part named "file".');
  if (spooled.sizeBytes === 0) {
    await rm(path, { force: true });
    throw new DomainException('RETURN_EMPTY', 'The file is empty (0 bytes): a nil return is a file with its header and no rows.');
  }
  return { fields, file: spooled };
}
