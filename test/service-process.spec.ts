/**
 * The bench's and the crash tests' service starter counts a /health answer only from its own child
 * (bench/service-process.ts `listensOn`): a parallel test's server that took the port first must not pass for it.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { listensOn } from '../bench/service-process';

describe('listensOn', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('says yes for the process that listens on the port, and no for another process', () => {
    expect(listensOn(process.pid, port)).toBe(true);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      expect(listensOn(other.pid, port)).toBe(false);
    } finally {
      other.kill();
    }
    expect(listensOn(undefined, port)).toBe(false);
  });
});
