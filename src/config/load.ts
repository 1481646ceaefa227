import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { DirectoryListing } from '../discovery/listing.js';
import { ConfigError, parseSettings, type ConfigFile } from './settings.js';

const STANDALONE_CONFIG = 'mlflow-migrate.toml';
/** The files a directory's configuration comes from, the closer first. */
export const CONFIG_FILE_NAMES = [STANDALONE_CONFIG, 'pyproject.toml'];
const TOOL_TABLE = 'mlflow-migrate';

function readToml(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    // `--config` naming a missing file or a directory: say so, not "invalid TOML".
    throw new ConfigError(`${path}: cannot read the configuration file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`${path}: invalid TOML: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Loads one configuration file: a standalone `mlflow-migrate.toml`, or a pyproject's `[tool.mlflow-migrate]`. */
export function loadConfigFile(path: string, knownCodes: readonly string[]): ConfigFile | undefined {
  const absolute = resolve(path);
  const data = readToml(absolute);
  let table: unknown = data;
  if (absolute.endsWith('pyproject.toml')) {
    table = (data.tool as Record<string, unknown> | undefined)?.[TOOL_TABLE];
    if (table === undefined) return undefined;
  }
  if (typeof table !== 'object' || table === null) throw new ConfigError(`${absolute}: [tool.${TOOL_TABLE}] must be a table`);
  return { path: absolute, dir: dirname(absolute), settings: parseSettings(table as Record<string, unknown>, absolute, knownCodes) };
}

/**
 * A POSIX path that `resolve` returns unchanged: absolute, without `.`, `..` or empty segments or a
 * trailing slash. Discovery's paths are, and resolving each directory of a monorepo again took
 * ~2 ms of a warm run (CPU profiles); anything else (Windows paths included) is resolved.
 */
function isResolved(path: string): boolean {
  return sep === '/' && isAbsolute(path) && (path === '/' || (!path.endsWith('/') && !path.includes('//') && !/\/\.\.?(?:\/|$)/.test(path)));
}

/**
 * Finds the configuration closest to a directory (the directory itself, then its parents), as ruff
 * does: in a monorepo each project's own pyproject wins. A `mlflow-migrate.toml` beats a pyproject
 * in the same directory. Results are memoised per directory.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, ConfigFile | null>();
  private readonly byGivenDir = new Map<string, ConfigFile | null>();
  private listing?: DirectoryListing;

  constructor(private readonly knownCodes: readonly string[]) {}

  /** What discovery saw: directories it listed need no look-up of files it did not see there. */
  useListing(listing: DirectoryListing): void {
    this.listing = listing;
  }

  forDirectory(dir: string): ConfigFile | undefined {
    return this.forAbsoluteDirectory(resolve(dir));
  }

  forFile(file: string): ConfigFile | undefined {
    // Asked for every file of a run: its directory as given is a cheaper key than resolving it.
    const dir = dirname(file);
    let found = this.byGivenDir.get(dir);
    if (found === undefined) this.byGivenDir.set(dir, (found = this.forAbsoluteDirectory(isResolved(dir) ? dir : dirname(resolve(file))) ?? null));
    return found ?? undefined;
  }

  /** `absolute`: resolved already (each directory of a big tree is asked once, its parents too). */
  private forAbsoluteDirectory(absolute: string): ConfigFile | undefined {
    const cached = this.byDir.get(absolute);
    if (cached !== undefined) return cached ?? undefined;
    let found: ConfigFile | undefined;
    // Most directories of a tree hold no configuration file, which the listing knows at once.
    if (!this.listing?.listedWithoutNoted(absolute)) {
      for (const name of CONFIG_FILE_NAMES) {
        if (this.listing && !this.listing.mayContain(absolute, name)) continue;
        const candidate = join(absolute, name);
        if (existsSync(candidate)) {
          found = loadConfigFile(candidate, this.knownCodes);
          if (found) break;
        }
      }
    }
    const parent = dirname(absolute);
    if (!found && parent !== absolute) found = this.forAbsoluteDirectory(parent);
    this.byDir.set(absolute, found ?? null);
    return found;
  }
}
