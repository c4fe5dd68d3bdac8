/**
 * The few lines `npm run bench -- --profile <case>` prints about a V8 CPU profile: where the samples' time went,
 * by package (a dependency under node_modules, a folder of the service's src, or Node's internals) and by
 * function, each as a share of the sampled time. Self time only: what ran in that code, not what it called.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A share of the sampled time, as printed: `27.3% typeorm`. */
export type Share = string;

/** Where in a package: the file's path from node_modules or dist, or the bare name of a native frame. */
function fileOf(frame: CallFrame): string {
  if (frame.url === '') return '';
  return ` ${frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '').replace(/^file:\/\//, '')}:${frame.lineNumber + 1}`;
}

/** Where a frame's code lives: `typeorm`, `src/applications`, `node:internal`, or a native marker such as `(garbage collector)`. */
export function packageOf(frame: CallFrame): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (dependency) return dependency[1];
  const own = /dist\/((?:src|bench)\/[^/]+)/.exec(frame.url);
  if (own) return own[1].replace(/\.js$/, '');
  if (frame.url.startsWith('node:')) return `node:${frame.url.slice(5).split('/')[0]}`;
  return frame.url === '' ? `(${frame.functionName.replace(/[()]/g, '') || 'native'})` : frame.url;
}

function top(totals: Map<string, number>, all: number, count: number): Share[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, time]) => `${(Math.round((1000 * time) / all) / 10).toFixed(1)}% ${name}`);
}

/** The `count` largest shares of self time by package and by function. */
export function summariseProfile(file: string, count = 15): { sampledMs: number; byPackage: Share[]; byFunction: Share[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const time = profile.timeDeltas[i] ?? 0;
    const frame = frames.get(id);
    if (frame === undefined) return;
    all += time;
    const where = packageOf(frame);
    byPackage.set(where, (byPackage.get(where) ?? 0) + time);
    const what = `${frame.functionName || '(anonymous)'}${fileOf(frame)}`;
    byFunction.set(what, (byFunction.get(what) ?? 0) + time);
  });
  return { sampledMs: Math.round(all / 1000), byPackage: top(byPackage, all, count), byFunction: top(byFunction, all, count) };
}
