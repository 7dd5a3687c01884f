// Preloaded with `node --import <this file>` (NODE_OPTIONS may carry --import, not --cpu-prof):
// samples this process's CPU with V8's profiler from start to exit and writes
// `<BENCH_CPU_PROFILE_DIR>/<pid>.cpuprofile` as it exits, the same file `--cpu-prof` writes.
// Plain JavaScript, so that it loads in processes started from their builds without tsx.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  // A same-thread session answers synchronously, so this completes inside the exit handler.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error || !result) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
