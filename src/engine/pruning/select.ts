import type { ParseRange } from '../../parser/types.js';
import { lineContaining, lineStartsOf, pointAt } from '../../source/lines.js';
import { topLevelStatements, type TopLevelStatement } from './topLevel.js';

/**
 * Which top-level statements of an MLflow file can be left unparsed: functions, classes, and
 * imports and plain assignments (`NAME = value`). In a monorepo's MLflow files most definitions
 * never touch MLflow (measured in docs/benchmark.md), and parsing, copying and walking them was
 * most of a check's time. A statement is skipped only when nothing the rules read can depend on it:
 *
 * - it does not mention `mlflow` in any case, nor any name grown from MLflow (`client` of
 *   `client = MlflowClient()`, a function returning one, a class deriving from one), matched as
 *   words anywhere in its text, strings and comments included (string annotations resolve);
 * - it binds no name (its own, or one it declares `global`) that kept code reads, so every binding
 *   a kept statement can reach by name is kept, transitively (local return types, base classes,
 *   values followed into MLflow calls), and no Python builtin;
 * - it matches no rule's `parseDefinitionsMatching` (rules that report outside MLflow code, such as
 *   MLF906 on `import pytz`) and carries no suppression comment;
 * - it is not one of the first two statements (where a fix inserts a missing import), nor the
 *   last import of a run of imports (where a fix inserts one after the last import before a use).
 *
 * An import or assignment binds exactly the names it spells; one whose shape leaves any doubt (a
 * second `=` anywhere, `:=`, `;`, a tuple target) is parsed, as is every other kind of statement.
 * Files with a star import are parsed whole: a star can bind any name.
 */
export function planPartialParse(text: string, keep: readonly RegExp[]): PartialParse | undefined {
  if (hasStarImport(text)) return undefined;
  const statements = topLevelStatements(text);
  if (!statements) return undefined;
  const skipped = new Set(definitionsToSkip(text, statements, keep));
  if (skipped.size === 0) return undefined;
  return { ranges: complementOf(text, [...skipped]), keptStarts: statements.filter((s) => !skipped.has(s)).map((s) => s.start) };
}

export interface PartialParse {
  /** The text to parse: everything but the skipped statements. */
  ranges: ParseRange[];
  /** Where the kept top-level statements start: each must start a top-level node of the partial tree. */
  keptStarts: number[];
}

const STAR_IMPORT = /\bimport[ \t]*(?:\\\r?\n[ \t]*)?\*/;

/** `import *` anywhere in the text (a comment or string too: it may only over-report). */
export function hasStarImport(text: string): boolean {
  return STAR_IMPORT.test(text);
}

const MLFLOW = /mlflow/i;
const WORD = /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g;
const DEFINED_NAME = /^(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)/m;
const GLOBAL_NAMES = /\bglobal[ \t]+([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*(?:[ \t]*,[ \t]*[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)*)/g;
const SUPPRESSION = /noqa|mlflow-migrate:/i;

/** Python's keywords: words in every statement that name nothing. */
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);

/** Names the semantic model reads as builtins when nothing in the file binds them (Python 3.11's `builtins`). */
const BUILTINS = new Set(`ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError
  BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError
  ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup
  FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning
  IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
  ModuleNotFoundError NameError NotADirectoryError NotImplemented NotImplementedError OSError OverflowError
  PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError
  RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError
  TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning
  UserWarning ValueError Warning ZeroDivisionError abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable
  chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format
  frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max
  memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted
  staticmethod str sum super tuple type vars zip __import__ __build_class__`.split(/\s+/));

interface StatementFacts {
  statement: TopLevelStatement;
  source: string;
  /**
   * Names it may bind at module level: a definition's name and `global`s, the names an import or a
   * plain assignment binds; for any other statement, every word (an over-approximation).
   */
  binds: Set<string>;
  /** Every word of its text, once asked for (most definitions are skipped unread). */
  words?: Set<string>;
  /** A definition, an import or plain assignment (`binding`: its bound names are known), or anything else. */
  kind: 'definition' | 'binding' | 'other';
  /** It may hold or carry an MLflow value, or a rule asked for it: its names join the closure. */
  relevant: boolean;
  kept: boolean;
  grown: boolean;
  readsAdded: boolean;
}

function definitionsToSkip(text: string, statements: TopLevelStatement[], keep: readonly RegExp[]): TopLevelStatement[] {
  const pinning = pinningPattern(keep);
  const facts = statements.map((statement, index): StatementFacts => {
    const source = text.slice(statement.start, statement.end);
    if (statement.isDefinition) {
      const binds = definedNames(source);
      const relevant = index < 2 || pinning.test(source) || [...binds].some((name) => BUILTINS.has(name));
      return { statement, source, binds, kind: 'definition', relevant, kept: false, grown: false, readsAdded: false };
    }
    const bound = boundNames(source);
    if (!bound) {
      const words = wordsOf(source);
      return { statement, source, binds: words, words, kind: 'other', relevant: MLFLOW.test(source), kept: true, grown: false, readsAdded: false };
    }
    // An import or assignment is parsed when it may matter: it mentions MLflow, shadows a builtin,
    // is pinned (suppression, a rule's pattern), opens the module (a fix inserts an import before
    // the first statement), or ends a run of imports (a fix inserts an import after the last one).
    const relevant = MLFLOW.test(source) || [...bound].some((name) => BUILTINS.has(name));
    const kept = relevant || index < 2 || pinning.test(source) || endsImportRun(text, statements, index);
    return { statement, source, binds: bound, kind: 'binding', relevant, kept, grown: false, readsAdded: false };
  });
  // Two closures grown together until neither changes. `closure`: names whose value may come from
  // MLflow, matched as words in the text. `read`: names whose bindings kept code may reach. The
  // words of a definition are only collected once it is kept: most are skipped, unread.
  const closure = new Set<string>();
  const read = new Set<string>();
  // Every statement has been matched against the first `tested` names of the closure (a Set keeps
  // its order): each round looks only for the names added since.
  let tested = 0;
  const starts = statements.map((s) => s.start);
  for (let changed = true; changed;) {
    changed = false;
    const mentioning = closure.size > tested ? statementsMentioning(text, starts, [...closure].slice(tested)) : undefined;
    tested = closure.size;
    facts.forEach((f, k) => {
      if (!f.relevant && mentioning?.has(k)) f.relevant = true;
      if (f.relevant && !f.grown) {
        f.grown = true;
        // A statement other than a definition may pass an MLflow value to any name it holds.
        if (addAll(closure, f.kind === 'binding' ? wordsOfFact(f) : f.binds)) changed = true;
      }
      if (!f.kept && (f.relevant || hasAny(f.binds, read))) {
        f.kept = true;
        changed = true;
      }
      // Kept code needs the bindings of the names it uses.
      const needsBindings = f.relevant || (f.kind === 'definition' ? f.kept : hasAny(f.binds, read));
      if (needsBindings && !f.readsAdded) {
        f.readsAdded = true;
        if (addAll(read, wordsOfFact(f))) changed = true;
      }
    });
  }
  return facts.filter((f) => !f.kept).map((f) => f.statement);
}

const IMPORT = /^(?:import|from)[ \t\\]/;

/** An import statement whose next statement is not one (or that ends the module). */
function endsImportRun(text: string, statements: readonly TopLevelStatement[], index: number): boolean {
  const statement = statements[index]!;
  const next = statements[index + 1];
  return IMPORT.test(text.slice(statement.start, statement.start + 8)) && !(next && IMPORT.test(text.slice(next.start, next.start + 8)));
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const IMPORTED_MODULE = new RegExp(`^(${NAME})(?:\\s*\\.\\s*${NAME})*(?:\\s+as\\s+(${NAME}))?$`);
const IMPORTED_NAME = new RegExp(`^(${NAME})(?:\\s+as\\s+(${NAME}))?$`);
const FROM_IMPORT = new RegExp(`^from\\s+\\.*(?:${NAME}(?:\\s*\\.\\s*${NAME})*)?\\s+import\\s+(.*)$`, 's');
const ASSIGNMENT = new RegExp(`^(${NAME})\\s*(?::[^=\\n]*)?=(?!=)(.*)$`, 's');
/** An `=` that binds or passes something (`:=`, a keyword, a chained target), not a comparison. */
const OTHER_EQUALS = /(?<![=!<>])=(?!=)/;

/**
 * The names an import statement or a plain assignment (`NAME = value`, `NAME: T = value`) binds;
 * undefined for any other statement, or one whose shape is not plain enough to be sure (a second
 * `=` anywhere in the value, a `;`, a continuation the patterns do not read).
 */
function boundNames(source: string): Set<string> | undefined {
  if (!IMPORT.test(source)) {
    const assignment = ASSIGNMENT.exec(source);
    return assignment && !OTHER_EQUALS.test(assignment[2]!) && !assignment[2]!.includes(';') ? new Set([assignment[1]!]) : undefined;
  }
  // Comments and continuations are not part of what an import names.
  const code = source.replace(/#[^\n]*/g, '').replace(/\\\r?\n/g, ' ').trim();
  if (code.startsWith('import ')) {
    const names = new Set<string>();
    for (const item of code.slice(7).split(',')) {
      const m = IMPORTED_MODULE.exec(item.trim());
      if (!m) return undefined;
      names.add(m[2] ?? m[1]!);
    }
    return names;
  }
  const from = FROM_IMPORT.exec(code);
  if (from) {
    const list = from[1]!.trim().replace(/^\(([^()]*)\)$/s, '$1').trim().replace(/,$/, '');
    const names = new Set<string>();
    for (const item of list.split(',')) {
      const m = IMPORTED_NAME.exec(item.trim());
      if (!m) return undefined;
      names.add(m[2] ?? m[1]!);
    }
    return names;
  }
  return undefined;
}

function wordsOfFact(f: StatementFacts): Set<string> {
  return (f.words ??= wordsOf(f.source));
}

/**
 * The indexes of the statements in which any of `names` occurs as a whole word, found with
 * `indexOf` over the whole text. A regular expression of the names was compiled anew for each
 * file and round (the names differ), which cost more than the search itself in a cold process.
 */
function statementsMentioning(text: string, starts: readonly number[], names: readonly string[]): Set<number> {
  const found = new Set<number>();
  if (!starts.length) return found;
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (at < starts[0]! || isWordCharacter(text.charCodeAt(at + name.length))) continue;
      // Statements are in order and contiguous: the one holding `at` is found as a line is.
      const k = lineContaining(starts, at);
      // A word starts its statement or follows a character that cannot be part of one.
      if (at === starts[k] || !isWordCharacter(text.charCodeAt(at - 1))) found.add(k);
    }
  }
  return found;
}

/** `[\w\u0080-\uffff]`: what continues a name in the patterns here. */
function isWordCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code >= 0x80;
}

const pinningPatterns = new WeakMap<readonly RegExp[], RegExp>();

/**
 * What keeps a definition whatever its names: `mlflow` in any case, a suppression comment, a rule's
 * pattern. One case-insensitive pattern tests them all in one pass; ignoring case in the rules'
 * patterns can only keep more.
 */
function pinningPattern(keep: readonly RegExp[]): RegExp {
  let pattern = pinningPatterns.get(keep);
  if (!pattern) pinningPatterns.set(keep, (pattern = new RegExp([MLFLOW.source, SUPPRESSION.source, ...keep.map((p) => p.source)].join('|'), 'i')));
  return pattern;
}

function wordsOf(source: string): Set<string> {
  const words = new Set<string>();
  // `match` with a global pattern returns the words alone: no match object for each.
  for (const word of source.match(WORD) ?? []) if (!KEYWORDS.has(word)) words.add(word);
  return words;
}

function definedNames(source: string): Set<string> {
  const names = new Set<string>();
  const defined = DEFINED_NAME.exec(source);
  if (defined) names.add(defined[1]!);
  // Most definitions declare no global: a plain search is cheaper than the pattern's.
  if (source.includes('global')) for (const m of source.matchAll(GLOBAL_NAMES)) for (const name of m[1]!.split(',')) names.add(name.trim());
  return names;
}

function hasAny(words: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  for (const w of words) if (names.has(w)) return true;
  return false;
}

function addAll(target: Set<string>, names: ReadonlySet<string>): boolean {
  const before = target.size;
  for (const n of names) target.add(n);
  return target.size !== before;
}

/** The text outside the skipped definitions, as tree-sitter ranges (skipped ones start and end at column 0). */
function complementOf(text: string, skipped: TopLevelStatement[]): ParseRange[] {
  const lines = lineStartsOf(text);
  const ranges: ParseRange[] = [];
  const add = (start: number, end: number) => ranges.push({ startIndex: start, endIndex: end, startPosition: pointAt(lines, start), endPosition: pointAt(lines, end) });
  let from = 0;
  for (const s of skipped) {
    if (s.start > from) add(from, s.start);
    from = s.end;
  }
  if (from < text.length) add(from, text.length);
  return ranges;
}
