import type { FileKind } from '../runner/fileKinds.js';
import { bytesMention } from '../manifests/paths.js';
import { analyzeNotebook } from './analyzeNotebook.js';

/** Jupyter notebooks: code cells as one Python module, `%pip` pins, shell lines. */
export const NOTEBOOK_KIND: FileKind = {
  name: 'notebook',
  patterns: ['**/*.ipynb'],
  nameHint: /\.ipynb$/i,
  matches: (path) => /\.ipynb$/i.test(path),
  // `%pip install MLflow==2.9.2` counts as much as `import mlflow`.
  prefilter: (bytes) => bytesMention(bytes, /mlflow/i),
  analyze(file, options) {
    try {
      return analyzeNotebook(file, options);
    } catch (err) {
      return { findings: [], problems: [{ path: file.path, kind: 'internal', message: `notebook analysis failed: ${(err as Error).message}` }], usesMlflow: false, parsed: false, syntaxErrors: 0 };
    }
  },
};
