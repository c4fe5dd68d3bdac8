/**
 * Loaded into the service by `npm run bench -- --profile <case>` (`node -r dist/bench/profile-hook.js`), never by
 * the service itself: the bench's message `start-profile` (over the child process channel: the service stops on
 * SIGUSR2, one of the signals Nest's shutdown hooks answer) starts V8's CPU profiler in the service's own
 * process, `stop-profile` stops it and writes the profile to `BENCH_PROFILE_FILE` (a `.cpuprofile`, for Chrome
 * DevTools or `npx speedscope`), so the profile covers the case's requests and not the service's start.
 */
import { Session } from 'node:inspector';
import { renameSync, writeFileSync } from 'node:fs';

let session: Session | undefined;

process.on('message', (message: unknown) => {
  const file = process.env.BENCH_PROFILE_FILE;
  if (file === undefined || (message !== 'start-profile' && message !== 'stop-profile')) return;
  if (message === 'start-profile') {
    if (session !== undefined) return;
    const started = new Session();
    started.connect();
    session = started;
    started.post('Profiler.enable', () => started.post('Profiler.start'));
    return;
  }
  const stopping = session;
  if (stopping === undefined) return;
  session = undefined;
  stopping.post('Profiler.stop', (error, result) => {
    stopping.disconnect();
    if (error) throw error;
    // Written beside and renamed, so the bench never reads half a file.
    writeFileSync(`${file}.part`, JSON.stringify(result.profile));
    renameSync(`${file}.part`, file);
  });
});

// After the listener, which refs the channel: it must not keep the service running once it is asked to stop.
process.channel?.unref();
