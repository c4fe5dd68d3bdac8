import type { Response } from 'express';
import type { RenderedFile } from '../../reporting/public-api';

/**
 * Sends a file the reporting exports rendered (statistics-exports.ts), as the API's route sends it: its type, as an
 * attachment under its own name, and never kept by a browser or a proxy (`Cache-Control: no-store`; the marking is
 * OFFICIAL-SENSITIVE: docs/security.md). The header is also set for every response; a download says it itself.
 */
export function sendFile(res: Response, file: RenderedFile): void {
  const body = Buffer.isBuffer(file.body) ? file.body : Buffer.from(file.body, 'utf8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', file.type);
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}
