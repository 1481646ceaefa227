// Prints the benchmark's figures: the machine, the corpora, medians per scenario, and the ratios
// with the targets of the scale issue ("Done when").

const TARGETS = [
  { label: 'monorepo: check cold / ast-grep', corpus: 'monorepo', num: 'cold', den: 'astgrep', max: 0.15 },
  { label: 'monorepo: check cold / read-only floor', corpus: 'monorepo', num: 'cold', den: 'floor', max: 6 },
  { label: 'monorepo: warm cache / cold', corpus: 'monorepo', num: 'warm', den: 'cold', max: 0.3 },
  { label: 'monorepo: --jobs 1 / default jobs', corpus: 'monorepo', num: 'jobs1', den: 'cold' },
  { label: 'monorepo: parse floor / ast-grep', corpus: 'monorepo', num: 'parse', den: 'astgrep' },
  { label: 'monorepo: check cold / parse floor', corpus: 'monorepo', num: 'cold', den: 'parse' },
  { label: 'mlflow-heavy: check cold / ast-grep', corpus: 'mlflow-heavy', num: 'cold', den: 'astgrep', max: 1.0 },
  { label: 'mlflow-heavy: warm cache / cold', corpus: 'mlflow-heavy', num: 'warm', den: 'cold' },
  { label: 'mlflow-heavy: parse floor / ast-grep', corpus: 'mlflow-heavy', num: 'parse', den: 'astgrep' },
  { label: 'mlflow-heavy: check cold / parse floor', corpus: 'mlflow-heavy', num: 'cold', den: 'parse' },
];
const RSS_TARGET_MB = 256;

const canMeasure = (scenarios) => scenarios.some((s) => s.isCheck && s.rssMb !== undefined);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const pad = (text, n) => String(text).padEnd(n);
const padLeft = (text, n) => String(text).padStart(n);
const thousands = (n) => n.toLocaleString('en-US');

export function printReport({ rounds, machine, corpora, scenarios, sanity }) {
  const out = [];
  out.push(`mlflow-migrate benchmark: medians of whole-process wall time over ${rounds} interleaved rounds`);
  out.push(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB RAM, ${machine.os}, Node ${machine.node}, ${machine.astGrep}`);
  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  const busy = (f) => `${(100 * f).toFixed(0)}%`;
  const crowded = Math.max(machine.busyBefore, machine.busyAfter) > 0.1;
  out.push(`CPU busy with other processes: ${busy(machine.busyBefore)} before, ${busy(machine.busyAfter)} after (load average ${load(machine.loadBefore)} / ${load(machine.loadAfter)})${crowded ? ': shared machine, figures are pessimistic' : ''}`);
  for (const [name, { stats }] of Object.entries(corpora)) {
    out.push(`corpus ${name}: ${thousands(stats.files)} files, ${thousands(stats.lines)} lines, ${(stats.bytes / 1048576).toFixed(1)} MB; ${stats.mlflowFiles} files (${(100 * stats.mlflowFiles / stats.files).toFixed(0)}%) use MLflow`);
  }
  out.push('');
  for (const corpus of Object.keys(corpora)) {
    out.push(`${pad(corpus, 34)}${padLeft('median', 9)}${padLeft('min', 9)}${padLeft('max', 9)}${padLeft('peak RSS', 11)}`);
    for (const s of scenarios.filter((x) => x.corpus === corpus)) {
      const rss = s.rssMb === undefined ? 'n/a' : `${s.rssMb.toFixed(0)} MB`;
      out.push(`  ${pad(s.name, 32)}${padLeft(seconds(s.median), 9)}${padLeft(seconds(s.min), 9)}${padLeft(seconds(s.max), 9)}${padLeft(rss, 11)}`);
    }
    const counts = sanity[corpus];
    out.push(`  cold check: ${counts.routing}`);
    out.push(`  findings of the 4 compared rules (check / ast-grep): ${Object.keys(counts.check).map((c) => `${c} ${counts.check[c]}/${counts.astGrep[c]}`).join(', ')}`);
    out.push('');
  }

  const medianOf = (corpus, key) => scenarios.find((s) => s.corpus === corpus && (s.key === key || (key === 'floor' && s.name.startsWith('read-only'))))?.median;
  let missed = 0;
  out.push('ratios');
  for (const t of TARGETS) {
    const num = medianOf(t.corpus, t.num);
    const den = medianOf(t.corpus, t.den);
    if (num === undefined || den === undefined) continue;
    const ratio = num / den;
    const verdict = t.max === undefined ? '' : ratio <= t.max ? `target <= ${t.max}: met` : `target <= ${t.max}: MISSED`;
    if (t.max !== undefined && ratio > t.max) missed++;
    out.push(`  ${pad(t.label, 42)}${padLeft(ratio.toFixed(3), 7)}   ${verdict}`);
  }
  const rssOf = (pick) => Math.max(...scenarios.filter((s) => s.isCheck && s.rssMb !== undefined && pick(s)).map((s) => s.rssMb));
  if (canMeasure(scenarios)) {
    // The target is for `check` as run by default (default jobs, cache on); --jobs 1 is shown beside it.
    const peak = rssOf((s) => s.corpus === 'monorepo' && s.key !== 'jobs1');
    if (peak > RSS_TARGET_MB) missed++;
    out.push(`  ${pad('monorepo: peak RSS of check (default jobs)', 42)}${padLeft(`${peak.toFixed(0)} MB`, 7)}   target <= ${RSS_TARGET_MB} MB: ${peak <= RSS_TARGET_MB ? 'met' : 'MISSED'}`);
    out.push(`  ${pad('monorepo: peak RSS of check --jobs 1', 42)}${padLeft(`${rssOf((s) => s.key === 'jobs1').toFixed(0)} MB`, 7)}`);
  } else {
    out.push('  peak RSS: not measured (/usr/bin/time is missing)');
  }
  out.push('');
  out.push(missed ? `${missed} target(s) missed` : 'all targets met');
  process.stdout.write(out.join('\n') + '\n');
}
