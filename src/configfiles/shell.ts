/**
 * Just enough of POSIX shell to find commands in scripts, Dockerfile `RUN` lines, CI steps and
 * notebook `!` lines: words (with quotes, escapes and `\`-newline joins), command separators,
 * redirections and comments. Every character of a word's value remembers where it is written,
 * so an edit inside a word lands on the right bytes.
 */
export interface ShellWord {
  /** The word after quote removal (expansions kept as written). */
  value: string;
  /** Raw extent of the word. */
  start: number;
  end: number;
  /** For each character of `value`, its index in the text. */
  map: number[];
  /** The word contains `$...` or a backquote: its value is not known statically. */
  expansion: boolean;
}

export interface ShellCommand {
  words: ShellWord[];
}

const SEPARATORS = new Set([';', '&', '|', '(', ')', '\n']);

/** Splits `text[start, end)` into simple commands. */
export function shellCommands(text: string, start = 0, end = text.length): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let skipNext = false;
  const endCommand = () => {
    if (words.length) commands.push({ words });
    words = [];
  };
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '\n') { i += 2; continue; }
    if (c === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') { i += 3; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#') { while (i < end && text[i] !== '\n') i++; continue; }
    if (SEPARATORS.has(c)) { endCommand(); i++; skipNext = false; continue; }
    if (c === '<' || c === '>') {
      // Redirection: the operator, then its target word (not an argument).
      while (i < end && /[<>&|-]/.test(text[i]!)) i++;
      skipNext = true;
      continue;
    }
    const word = readWord(text, i, end);
    i = word.end;
    // `2>file`, `2>&1`: a number right before a redirection belongs to it.
    if (/^\d+$/.test(word.value) && (text[i] === '>' || text[i] === '<')) continue;
    if (skipNext) { skipNext = false; continue; }
    words.push(word);
  }
  endCommand();
  return commands;
}

function readWord(text: string, start: number, end: number): ShellWord {
  let value = '';
  const map: number[] = [];
  let expansion = false;
  let i = start;
  const push = (k: number) => { value += text[k]; map.push(k); };
  while (i < end) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || SEPARATORS.has(c) || c === '<' || c === '>') break;
    if (c === '\\') {
      if (text[i + 1] === '\n') { i += 2; continue; }
      if (i + 1 < end) push(i + 1);
      i += 2;
      continue;
    }
    if (c === "'") {
      i++;
      while (i < end && text[i] !== "'") push(i++);
      i++;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < end && text[i] !== '"') {
        if (text[i] === '\\' && /["\\$`\n]/.test(text[i + 1] ?? '')) {
          if (text[i + 1] !== '\n') push(i + 1);
          i += 2;
          continue;
        }
        if (text[i] === '$' || text[i] === '`') expansion = true;
        push(i++);
      }
      i++;
      continue;
    }
    if (c === '$' || c === '`') {
      expansion = true;
      if (text[i + 1] === '(' || text[i + 1] === '{') {
        // Copy the whole substitution, nested brackets included, as part of the word.
        const open = text[i + 1]!;
        const close = open === '(' ? ')' : '}';
        let depth = 0;
        const from = i;
        for (; i < end; i++) {
          if (text[i] === open) depth++;
          else if (text[i] === close && --depth === 0) { i++; break; }
        }
        for (let k = from; k < i; k++) push(k);
        continue;
      }
    }
    push(i++);
  }
  return { value, start, end: i, map, expansion };
}

const PREFIX_WORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', 'exec', 'nohup', 'command', '{', 'sudo', 'env', 'xargs', 'eval']);

export interface ArgvCommand {
  /** Environment assignments before the command (`VAR=value mlflow ...`). */
  assignments: ShellWord[];
  argv: ShellWord[];
}

/**
 * Programs that run the command written after them (`poetry run mlflow ...`, `conda run -n env
 * mlflow ...`, `timeout 60 mlflow ...`): the subcommand that does it, the options that take a
 * value, and how many operands come before the command (`timeout`'s duration).
 */
interface Runner {
  subcommand?: string;
  valueOptions: ReadonlySet<string>;
  operands?: number;
}

const CONDA_RUN: Runner = { subcommand: 'run', valueOptions: new Set(['-n', '--name', '-p', '--prefix', '--cwd']) };
const PROJECT_RUN: Runner = { subcommand: 'run', valueOptions: new Set() };
const RUNNERS: Record<string, Runner> = {
  poetry: PROJECT_RUN, pipenv: PROJECT_RUN, pdm: PROJECT_RUN, hatch: PROJECT_RUN, rye: PROJECT_RUN,
  uv: { subcommand: 'run', valueOptions: new Set(['--with', '--with-requirements', '--with-editable', '--python', '-p', '--project', '--directory', '--env-file', '--extra', '--group', '--package', '--index', '--index-url', '--extra-index-url']) },
  conda: CONDA_RUN, mamba: CONDA_RUN, micromamba: CONDA_RUN,
  timeout: { valueOptions: new Set(['-s', '--signal', '-k', '--kill-after']), operands: 1 },
};

/** The command proper: leading keywords, `sudo`/`env`, runners and `VAR=value` assignments removed. */
export function argvOf(command: ShellCommand): ArgvCommand {
  const assignments: ShellWord[] = [];
  let k = 0;
  const words = command.words;
  while (k < words.length) {
    const w = words[k]!.value;
    if (PREFIX_WORDS.has(w)) { k++; continue; }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) { assignments.push(words[k]!); k++; continue; }
    // Options of sudo / env (`sudo -E`, `env -i`).
    if (k > 0 && (words[k - 1]!.value === 'sudo' || words[k - 1]!.value === 'env') && w.startsWith('-')) { k++; continue; }
    const runner = Object.hasOwn(RUNNERS, programName(words[k])) ? RUNNERS[programName(words[k])]! : undefined;
    if (runner && (!runner.subcommand || words[k + 1]?.value === runner.subcommand)) {
      const after = skipRunner(words, k + (runner.subcommand ? 2 : 1), runner);
      if (after < words.length) { k = after; continue; }
    }
    break;
  }
  return { assignments, argv: words.slice(k) };
}

/** Where the command a runner runs starts: after its options (and their values), operands and `--`. */
function skipRunner(words: readonly ShellWord[], from: number, runner: Runner): number {
  let k = from;
  while (k < words.length && words[k]!.value.startsWith('-') && words[k]!.value !== '--') {
    const option = words[k]!.value;
    k += runner.valueOptions.has(option) ? 2 : 1;
  }
  k += runner.operands ?? 0;
  if (words[k]?.value === '--') k++;
  return k;
}

/** The program name without its directory (`/opt/venv/bin/pip` → `pip`). */
export function programName(word: ShellWord | undefined): string {
  if (!word) return '';
  return word.value.slice(word.value.lastIndexOf('/') + 1);
}
