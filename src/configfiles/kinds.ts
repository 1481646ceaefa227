import type { AnalyzerOptions } from '../engine/analyze.js';
import type { FileKind } from '../runner/fileKinds.js';
import type { SourceFile } from '../source/sourceFile.js';
import { analyzeManifest } from '../manifests/analyzeManifest.js';
import type { ManifestAnalysis } from '../manifests/facts.js';
import { scanDockerfilePins } from '../manifests/formats/dockerfilePins.js';
import { installedRequirements, requirementsInShell } from '../manifests/pipCommand.js';
import { baseName, bytesMention } from '../manifests/paths.js';
import { parseYaml } from '../manifests/yaml.js';
import { yamlCommands } from './commandSites.js';

const mentionsMlflow = (bytes: Uint8Array) => bytesMention(bytes, /mlflow/i);

function commandFileKind(name: string, patterns: string[], matches: (path: string) => boolean, analyze: (file: SourceFile, options: AnalyzerOptions) => ManifestAnalysis, prefilter = mentionsMlflow): FileKind {
  return { name, patterns, matches, prefilter, analyze };
}

export function isDockerfile(path: string): boolean {
  const base = baseName(path);
  if (/\.dockerignore$/i.test(base)) return false;
  return /^(?:Dockerfile|Containerfile)(?:\..+)?$/i.test(base) || /\.(?:dockerfile|containerfile)$/i.test(base);
}

export const DOCKERFILE_KIND = commandFileKind(
  'dockerfile',
  ['**/Dockerfile', '**/Dockerfile.*', '**/*.dockerfile', '**/*.Dockerfile', '**/Containerfile', '**/Containerfile.*'],
  isDockerfile,
  (file, options) => analyzeManifest(file, options, (f) => scanDockerfilePins(f.text)),
);

export const SHELL_KIND = commandFileKind(
  'shell',
  ['**/*.sh', '**/*.bash'],
  (p) => /\.(?:sh|bash)$/i.test(p),
  (file, options) => analyzeManifest(file, options, (f) => ({ requirements: requirementsInShell(f.text), pythonFloors: [] })),
);

export function isCiWorkflow(path: string): boolean {
  const norm = path.replace(/\\/g, '/');
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(norm) || /(?:^|\/)\.gitlab-ci\.ya?ml$/i.test(norm);
}

export const CI_KIND = commandFileKind(
  'ci-workflow',
  ['**/.github/workflows/*.yml', '**/.github/workflows/*.yaml', '**/.gitlab-ci.yml', '**/.gitlab-ci.yaml'],
  isCiWorkflow,
  (file, options) => analyzeManifest(file, options, (f) => {
    const parsed = parseYaml(f.text);
    if ('error' in parsed) return parsed;
    return { requirements: yamlCommands(parsed, f.text).flatMap(installedRequirements), pythonFloors: [] };
  }),
);

export const CONFIG_KINDS: FileKind[] = [DOCKERFILE_KIND, CI_KIND, SHELL_KIND];
