import type * as Sarif from 'sarif';
import type { Finding, Fix } from '../engine/types.js';
import type { RunResult } from '../runner/run.js';
import type { SourceFile } from '../source/sourceFile.js';
import { FINGERPRINT_KEY, fingerprints } from './fingerprint.js';
import { artifactLocation, directoryUri, regionOf, SRCROOT, type ArtifactLocation } from './location.js';
import { NOTIFICATION_DESCRIPTORS, notification } from './sarifNotifications.js';
import { INFORMATION_URI, ruleTable, SARIF_LEVEL, sentence } from './sarifRules.js';
import { sourceOf } from './source.js';
import type { ReportContext } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** `--format sarif`: one SARIF 2.1.0 run shaped for GitHub code scanning (see expectations.md). */
export function formatSarif(result: RunResult, context: ReportContext): string {
  return JSON.stringify(sarifLog(result, context), null, 2) + '\n';
}

export function sarifLog(result: RunResult, context: ReportContext): Sarif.Log {
  const { descriptors, indexOf } = ruleTable(result.rules);
  const srcroot = directoryUri(context.cwd);
  const results: Sarif.Result[] = [];
  for (const file of result.files) {
    if (!file.findings.length) continue;
    const source = sourceOf(file);
    const location = artifactLocation(file.path, context.cwd);
    const prints = fingerprints(location.uri, source, file.findings);
    file.findings.forEach((f, i) => results.push(sarifResult(f, source, location, prints[i]!, indexOf.get(f.code))));
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mlflow-migrate',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: INFORMATION_URI,
            rules: descriptors,
            notifications: NOTIFICATION_DESCRIPTORS,
          },
        },
        invocations: [
          {
            // An internal error means some file was not fully checked: the run did not succeed.
            executionSuccessful: !result.problems.some((p) => p.kind === 'internal'),
            workingDirectory: { uri: srcroot },
            toolExecutionNotifications: result.problems.map((p) => notification(p, context.cwd)),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: srcroot } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { sourceVersion: result.sourceVersion, targetVersion: result.targetVersion, parser: result.parserBackend },
      },
    ],
  };
}

function sarifResult(f: Finding, source: SourceFile, location: ArtifactLocation, fingerprint: string, ruleIndex: number | undefined): Sarif.Result {
  return {
    ruleId: f.code,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: SARIF_LEVEL[f.severity],
    // GitHub shows no fix and no rule help inline: the message carries what to do.
    message: { text: [f.message, f.help].filter(Boolean).map((s) => sentence(s!)).join(' ') },
    locations: [{ physicalLocation: { artifactLocation: location, region: regionOf(source, f.start, f.end) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(f.fix ? { fixes: [sarifFix(f.fix, source, location)] } : {}),
    // The region addresses the notebook's JSON text (what GitHub shows); the cell is for humans.
    ...(f.cell ? { properties: { cell: f.cell } } : {}),
  };
}

function sarifFix(fix: Fix, source: SourceFile, location: ArtifactLocation): Sarif.Fix {
  return {
    description: { text: sentence(fix.applicability === 'unsafe' ? `${fix.title} (unsafe fix: review before applying)` : fix.title) },
    artifactChanges: [
      {
        artifactLocation: location,
        replacements: fix.edits.map((e) => ({
          deletedRegion: regionOf(source, e.start, e.end),
          // Absent insertedContent means a pure deletion (SARIF 3.57.4).
          ...(e.text ? { insertedContent: { text: e.text } } : {}),
        })),
      },
    ],
    properties: { applicability: fix.applicability },
  };
}
