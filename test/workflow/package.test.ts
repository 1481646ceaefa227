import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');

/** What `npm publish` would put in the package (`npm pack --dry-run`, no build scripts run). */
function packedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const pack = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8', shell: process.platform === 'win32' });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  return (JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
}

describe('the published package', () => {
  it('holds the launcher and every data file the CLI reads at run time', () => {
    const files = new Set(packedFiles());
    for (const dir of ['bin', 'data', 'grammars']) {
      for (const name of readdirSync(join(REPO, dir))) expect(files, `${dir}/${name}`).toContain(`${dir}/${name}`);
    }
    // No sources, tests or examples.
    expect([...files].filter((f) => /^(src|test|examples|rules)\//.test(f))).toEqual([]);
  });
});
