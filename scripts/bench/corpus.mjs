// Generates the synthetic monorepo the benchmark runs on: deterministic for a given seed, so
// figures from different machines and commits compare the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, hashSeed } from './random.mjs';
import { COMMON_IMPORTS, KINDS, MLFLOW_BLOCKS, MLFLOW_IMPORTS, lookalikeBlock, names } from './templates.mjs';

const KIND_WEIGHTS = [['pipeline', 18], ['flask', 12], ['fastapi', 14], ['sklearn', 12], ['torch', 8], ['utils', 20], ['tests', 16]];
const MLFLOW_KINDS = ['sklearn', 'sklearn', 'torch', 'pipeline', 'tests', 'utils'];
/** Which breaking changes an MLflow file carries, besides plain tracking calls (several files carry none). */
const MLFLOW_MIXES = [[], [], ['customMetrics'], ['baselineModel'], ['thresholds'], ['fastai'], ['customMetrics', 'thresholds'], ['baselineModel', 'fastai']];

function pickKind(rng) {
  const total = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [kind, weight] of KIND_WEIGHTS) {
    if ((r -= weight) < 0) return kind;
  }
  return 'utils';
}

/** One Python file: imports, then blocks of its kind until it reaches its target length. */
function generateFile(rng, kindName, mlflowMix, lookalike) {
  const kind = KINDS[kindName];
  const imports = [...COMMON_IMPORTS, ...kind.imports];
  const body = [];
  if (mlflowMix) {
    imports.push('import mlflow', ...new Set(mlflowMix.flatMap((m) => MLFLOW_IMPORTS[m])));
  }
  const target = rng.int(115, 505);
  const mlflowBlocks = mlflowMix ? ['tracking', ...mlflowMix] : [];
  let lines = imports.length + 4;
  while (lines < target || mlflowBlocks.length) {
    // Spread the MLflow blocks through the file rather than bunching them at the top.
    const block = mlflowBlocks.length && rng.chance(0.35) ? MLFLOW_BLOCKS[mlflowBlocks.shift()](rng)
      : lines >= target && mlflowBlocks.length ? MLFLOW_BLOCKS[mlflowBlocks.shift()](rng)
        : rng.pick(kind.blocks)(rng);
    body.push('', ...block);
    lines += block.length + 1;
  }
  if (lookalike) body.push('', ...lookalikeBlock(rng));
  const doc = `"""${kindName} module: ${names(rng).verb} and ${names(rng).verb} ${names(rng).entity} data."""`;
  return [doc, '', ...imports, '', 'logger = logging.getLogger(__name__)', ...body].join('\n') + '\n';
}

/**
 * Writes `files` Python files under `root`. Every `mlflowEvery`-th file imports MLflow (1/20 = 5% for
 * the monorepo, 1/2 for the MLflow-heavy project); a few others only look alike (fastai, custom_metrics).
 */
export function generateCorpus(root, { files, mlflowEvery, seed = 7 }) {
  const stats = { files: 0, lines: 0, bytes: 0, mlflowFiles: 0 };
  const madeDirs = new Set();
  for (let i = 0; i < files; i++) {
    const rng = createRandom(hashSeed(`${seed}:${i}`));
    const usesMlflow = i % mlflowEvery === mlflowEvery - 1;
    const kindName = usesMlflow ? rng.pick(MLFLOW_KINDS) : pickKind(rng);
    const mix = usesMlflow ? rng.pick(MLFLOW_MIXES) : undefined;
    const text = generateFile(rng, kindName, mix, !usesMlflow && rng.chance(0.03));
    const dir = join(root, rng.pick(KINDS[kindName].dirs), `pkg_${hashSeed(`${seed}:${i}:dir`) % Math.max(1, Math.ceil(files / 120))}`);
    if (!madeDirs.has(dir)) { mkdirSync(dir, { recursive: true }); madeDirs.add(dir); }
    const { verb, entity } = names(rng);
    const name = kindName === 'tests' ? `test_${verb}_${entity}_${i}.py` : `${verb}_${entity}_${i}.py`;
    writeFileSync(join(dir, name), text);
    stats.files++;
    stats.lines += text.split('\n').length - 1;
    stats.bytes += Buffer.byteLength(text);
    if (usesMlflow) stats.mlflowFiles++;
  }
  return stats;
}
