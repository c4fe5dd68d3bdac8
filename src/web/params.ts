import { ParseUUIDPipe } from '@nestjs/common';

/** A record id in a page's path: anything but a UUID is a 400 page, never a query. */
export const RECORD_ID = new ParseUUIDPipe({ version: undefined });
