/**
 * A worker thread of the statistics seeder (bench/statistics-seed.ts): generates the batches it is sent,
 * through the production engine and hash chain, and posts their rows back for the seeder to write in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generateBatch, type SeedPlan, type SeedTask, type SeedWorld } from './statistics-generate';

const { world, plan } = workerData as { world: SeedWorld; plan: SeedPlan };

parentPort?.on('message', (message: { id: number; task: SeedTask }) => {
  generateBatch(world, plan, message.task).then(
    (batch) => parentPort?.postMessage({ id: message.id, batch }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
