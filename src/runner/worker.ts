// A worker thread of the pool (src/runner/pool.ts): its own parser and rules, built from the
// settings it was started with; it analyses the batches it is sent with the same `analyzeBytes`
// as the main thread and answers with plain data.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { fileData, type WorkerMessage, type WorkerSettings, type WorkOutcome, type WorkRequest } from './pool.js';
import { analyzeBytes, createSession, type AnalysisSession } from './run.js';

const port = parentPort!;
const settings = workerData as WorkerSettings;
const post = (message: WorkerMessage) => port.postMessage(message);

const session = createSession({ paths: [], cwd: process.cwd(), ...settings, notice: (message) => post({ type: 'notice', message }) });
// A session that cannot be built (e.g. `--parser native` without the binding) rejects unhandled,
// which ends the worker: the pool hands its files to the main thread, which reports the same error.

/**
 * Batches wait here rather than run from the message handler: a thread that handles message after
 * message never reaches the event loop's check phase, where the finalizers that free native trees
 * run, and its memory then grows for the whole run.
 */
const queue: WorkRequest[] = [];
let running = false;

// Listening at once: messages that arrive before a listener exists are lost.
port.on('message', (request: WorkRequest) => {
  queue.push(request);
  if (!running) void drain();
});

async function drain(): Promise<void> {
  running = true;
  const s = await session;
  while (queue.length) {
    analyzeBatch(queue.shift()!, s);
    // The finalizers that free dead native trees run here (WASM trees are deleted file by file).
    await yieldToEventLoop();
  }
  running = false;
}

function analyzeBatch(request: WorkRequest, s: AnalysisSession): void {
  const outcomes: WorkOutcome[] = [];
  for (const item of request.items) {
    const { result, problem } = analyzeBytes(item.absolute, item.display, item.bytes, s);
    const outcome: WorkOutcome = { index: item.index, problem };
    if (result) {
      outcome.result = fileData(result);
      if (result.findings.length) outcome.bytes = item.bytes;
    }
    outcomes.push(outcome);
  }
  post({ type: 'done', id: request.id, backend: s.parser.backend, outcomes });
}
