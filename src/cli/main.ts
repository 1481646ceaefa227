import { UsageError } from '../discovery/discover.js';
import { ParserUnavailableError } from '../parser/index.js';
import { TOOL_VERSION } from '../version.js';
import { checkCommand } from './commands/check.js';
import { explainCommand } from './commands/explain.js';
import { fixCommand } from './commands/fix.js';
import { rulesCommand } from './commands/rules.js';

const HELP = `mlflow-migrate ${TOOL_VERSION}: upgrade Python projects from MLflow 2.x to MLflow 3.x

Usage: mlflow-migrate <command> [options]

Commands:
  check [PATH...]   report MLflow 3 breaking changes (text, json, sarif)
  fix [PATH...]     show (or --write) the automatic fixes
  rules             list the rules
  explain CODE      show a rule's documentation

Run \`mlflow-migrate <command> --help\` for a command's options.
Exit codes: 0 no findings, 1 findings, 2 usage or internal error.
`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  fix: fixCommand,
  rules: rulesCommand,
  explain: explainCommand,
};

/** Entry point: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-V') {
    process.stdout.write(`mlflow-migrate ${TOOL_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[first];
  try {
    if (!command) throw new UsageError(`unknown command '${first}' (expected: ${Object.keys(COMMANDS).join(', ')})`);
    return await command(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ParserUnavailableError) {
      process.stderr.write(`mlflow-migrate: error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
