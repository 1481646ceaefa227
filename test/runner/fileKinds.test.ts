import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseName } from '../../src/manifests/paths.js';
import { FILE_KINDS, kindOf, onlyPythonByName, PYTHON } from '../../src/runner/fileKinds.js';

const REPO = join(import.meta.dirname, '..', '..');

/** Every file under a directory, relative to the repository. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(REPO, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(REPO, join(e.parentPath, e.name)).split('\\').join('/'));
}

/** Names each kind's patterns describe, in several cases and places, and names that only look alike. */
function namesFromPatterns(): string[] {
  const names: string[] = [];
  for (const kind of FILE_KINDS) {
    for (const pattern of kind.patterns) {
      for (const fill of ['', 'x', 'prod', 'dev.lock', 'Dockerfile', 'env']) {
        const name = pattern.replace(/^\*\*\//, '').replace(/\*/g, fill);
        for (const variant of [name, name.toLowerCase(), name.toUpperCase()]) names.push(variant, `deep/dir/${variant}`, `requirements/${variant}`);
      }
    }
  }
  const lookAlikes = ['setup_env.py', 'docker_utils.py', 'Dockerfile.py', 'dockerfile.py', 'procfile.py', 'Procfile.py', '.env.py', 'x.env', 'env', 'requirements.py',
    'requirements/base.txt', 'notes.txt', 'MANIFEST.in', 'environment.py', 'conda_env.yaml', '.github/workflows/conda.yml', 'makefile.py', 'rules.mk', 'config.INI',
    'train.py', 'pkg/__init__.py', 'stubs/mlflow.pyi', 'a.ipynb', 'A.IPYNB', 'MLproject', 'mlproject', 'Pipfile.lock', 'pyproject.toml.bak', 'setup.cfg', 'run.SH'];
  return [...names, ...lookAlikes];
}

describe('file kinds', () => {
  const paths = [...filesUnder('examples'), ...filesUnder('test/fixtures'), ...namesFromPatterns()];

  it('every kind but Python has a name hint that each path it matches passes', () => {
    let matched = 0;
    for (const kind of FILE_KINDS) {
      if (kind === PYTHON) continue;
      expect(kind.nameHint, kind.name).toBeInstanceOf(RegExp);
      for (const path of paths) {
        if (!kind.matches(path)) continue;
        matched++;
        expect(kind.nameHint!.test(baseName(path)), `${kind.name}: ${path}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(200);
  });

  it('classifies every path as asking each kind in turn does', () => {
    for (const path of paths) expect(kindOf(path).name, path).toBe((FILE_KINDS.find((k) => k.matches(path)) ?? PYTHON).name);
    expect(kindOf('pkg/train.py')).toBe(PYTHON);
    expect(kindOf('deploy/Dockerfile.gpu').name).toBe('dockerfile');
  });

  it('says a path is Python\'s by its name only when its kind is Python', () => {
    let python = 0;
    for (const path of paths) {
      if (!onlyPythonByName(path)) continue;
      python++;
      expect(kindOf(path), path).toBe(PYTHON);
    }
    expect(python).toBeGreaterThan(50);
    expect(onlyPythonByName('pkg/train.py')).toBe(true);
    expect(onlyPythonByName('setup.py')).toBe(false);
  });
});
