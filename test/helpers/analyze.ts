import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../rules/index.js';
import { analyzeFile } from '../../src/engine/analyze.js';
import type { RuleDefinition } from '../../src/engine/rule.js';
import { selectRules } from '../../src/engine/selection.js';
import type { Finding } from '../../src/engine/types.js';
import { createParser, type ParserBackendName, type PythonParser } from '../../src/parser/index.js';
import { loadMlflowApi } from '../../src/semantic/apiIndex.js';
import { SourceFile } from '../../src/source/sourceFile.js';

const parsers = new Map<ParserBackendName, Promise<PythonParser>>();

export function parserFor(backend: ParserBackendName): Promise<PythonParser> {
  let p = parsers.get(backend);
  if (!p) parsers.set(backend, (p = createParser(backend)));
  return p;
}

export const BACKENDS: ParserBackendName[] = ['native', 'wasm'];

export const DEFAULT_RULES = selectRules(ALL_RULES, { sourceVersion: '2.9.2', targetVersion: '3.4.0' });

export interface SimpleFinding {
  line: number;
  column: number;
  code: string;
  message: string;
  fix?: Finding['fix'];
}

/** Analyses Python source text and returns findings with 1-based line/column. */
export async function analyzeSource(
  text: string,
  options: { backend?: ParserBackendName; rules?: readonly RuleDefinition[]; path?: string } = {},
): Promise<SimpleFinding[]> {
  const file = SourceFile.fromText(options.path ?? 'test.py', text);
  const parser = await parserFor(options.backend ?? 'native');
  const result = analyzeFile(file, { rules: options.rules ?? DEFAULT_RULES, api: loadMlflowApi(), parser });
  if (result.problems.length) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.findings.map((f) => ({ ...file.positionOf(f.start), code: f.code, message: f.message, fix: f.fix }));
}

/** Codes found, as `line:CODE` strings (compact for assertions). */
export async function codesAt(text: string, backend: ParserBackendName = 'native'): Promise<string[]> {
  return (await analyzeSource(text, { backend })).map((f) => `${f.line}:${f.code}`);
}

/**
 * Expected findings written in a fixture: a trailing `# expect: MLF104` (or `# expect: MLF104, MLF101`)
 * marks the line a finding starts on. Lines without it must produce nothing.
 */
export function expectedFindings(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /#\s*expect:\s*([A-Z0-9, ]+)\s*$/.exec(line);
    if (m) for (const code of m[1]!.split(',').map((c) => c.trim()).filter(Boolean)) out.push(`${i + 1}:${code}`);
  });
  return out.sort();
}

export function readFixture(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Every Python file under test/fixtures/rules (inputs and fixed outputs), as `{ name, text }`, sorted. */
export function allRuleFixtures(): Array<{ name: string; text: string }> {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'rules');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((name) => ({ name, text: readFixture(join(dir, name)) }));
}
