// A worker thread of the pool (src/runner/pool.ts): its own parser and rules, built from the
// settings it was started with; it analyses the batches it is sent with the same `analyzeBytes`
// as the main thread and answers with plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { releaseNativeTrees, type WorkerMessage, type WorkerSettings, type WorkOutcome, type WorkRequest } from './pool.js';
import { analyzeBytes, createSession } from './run.js';

const port = parentPort!;
const settings = workerData as WorkerSettings;
const post = (message: WorkerMessage) => port.postMessage(message);

const session = createSession({ paths: [], cwd: process.cwd(), ...settings, notice: (message) => post({ type: 'notice', message }) });
// A session that cannot be built (e.g. `--parser native` without the binding) rejects unhandled,
// which ends the worker: the pool hands its files to the main thread, which reports the same error.

// Listening at once: messages that arrive before a listener exists are lost.
port.on('message', (request: WorkRequest) => { void analyzeBatch(request); });

async function analyzeBatch(request: WorkRequest): Promise<void> {
  const s = await session;
  const outcomes: WorkOutcome[] = [];
  for (const item of request.items) {
    const { result, problem } = analyzeBytes(item.absolute, item.display, item.bytes, s);
    const outcome: WorkOutcome = { index: item.index, problem };
    if (result) {
      outcome.result = { findings: result.findings, usesMlflow: result.usesMlflow, syntaxErrors: result.syntaxErrors };
      if (result.findings.length) outcome.bytes = item.bytes;
    }
    outcomes.push(outcome);
  }
  post({ type: 'done', id: request.id, backend: s.parser.backend, outcomes });
  // Dead native trees of one batch at most (WASM trees are deleted as soon as their file is done).
  if (s.parser.backend === 'native') await releaseNativeTrees();
}
