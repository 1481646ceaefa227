// Runs one command as its own process and measures its wall time and (with GNU time) peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
export const canMeasureRss = existsSync(GNU_TIME);

/**
 * Wall time of the whole process, from spawn to exit, in ms; peak RSS in MB when /usr/bin/time
 * exists (worker threads share the process, so this covers them). Exit codes 0 and 1 (findings)
 * are success; anything else aborts the benchmark with the command's stderr.
 */
export function measure(command, args, { cwd, env, tmp }) {
  const rssFile = join(tmp, `rss-${process.pid}.txt`);
  const [bin, argv] = canMeasureRss ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(bin, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0 && code !== 1) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`));
        return;
      }
      let rssMb;
      if (canMeasureRss && existsSync(rssFile)) {
        const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        rssMb = kb / 1024;
        rmSync(rssFile, { force: true });
      }
      resolve({ ms, rssMb });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Fraction of all cores busy over `ms` (before a run: other processes competing for the machine). */
export async function cpuBusy(ms = 2000) {
  const { cpus } = await import('node:os');
  const snapshot = () => cpus().reduce((acc, c) => {
    const total = Object.values(c.times).reduce((a, b) => a + b, 0);
    return { idle: acc.idle + c.times.idle, total: acc.total + total };
  }, { idle: 0, total: 0 });
  const a = snapshot();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = snapshot();
  return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
}
