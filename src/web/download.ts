import type { Response } from 'express';

/** A file a page sends as a download: its bytes (or text, sent as UTF-8), its media type and its name. */
export interface DownloadFile {
  body: Buffer | string;
  type: string;
  filename: string;
  /** The SHA-256 of the bytes as stored (hex), sent as `Repr-Digest` (RFC 9530) when known. */
  sha256?: string;
}

/** A file name safe in a `Content-Disposition` header: characters other than letters, digits, `.`, `-` and `_` become `_`. */
export function safeFileName(name: string): string {
  return name.replace(/[^\w.-]/g, '_');
}

/**
 * Sends a file from a page (docs/web.md §3): an attachment under a safe name, its type and length, never kept by a
 * browser or a proxy (`Cache-Control: no-store`: it is OFFICIAL-SENSITIVE, docs/security.md), never sniffed as
 * another type, and with its digest when the service recorded one. The bytes come from the same service method as
 * the API's route, so what a page downloads is what the API sends, logged the same way.
 */
export function sendDownload(res: Response, file: DownloadFile): void {
  const body = Buffer.isBuffer(file.body) ? file.body : Buffer.from(file.body, 'utf8');
  res.setHeader('Content-Type', file.type);
  res.setHeader('Content-Disposition', `attachment; filename="${safeFileName(file.filename)}"`);
  res.setHeader('Content-Length', String(body.length));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (file.sha256 !== undefined) res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  res.end(body);
}
