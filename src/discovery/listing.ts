import { dirname, sep } from 'node:path';

/**
 * What a discovery walk saw of the directories it listed, so that later lookups of files by name
 * (the configuration of every directory holding a source) need no `existsSync` there: a monorepo
 * has hundreds of directories and most hold no configuration. Names are compared in lower case,
 * so the answer is right on case-insensitive file systems too.
 */
export class DirectoryListing {
  private readonly listed = new Set<string>();
  private readonly noted = new Set<string>();
  /** The directories holding a noted entry. */
  private readonly withNoted = new Set<string>();

  /** `dir` was listed in full (absolute, normalized). */
  addDirectory(dir: string): void {
    this.listed.add(dir);
  }

  /** An entry the walk was asked to note (absolute path). */
  addNoted(path: string): void {
    const cut = path.lastIndexOf(sep) + 1;
    this.noted.add(path.slice(0, cut) + path.slice(cut).toLowerCase());
    this.withNoted.add(dirname(path));
  }

  /** `dir` was listed and held no entry the walk was asked to note (absolute, normalized). */
  listedWithoutNoted(dir: string): boolean {
    return this.listed.has(dir) && !this.withNoted.has(dir);
  }

  /** False only when `dir` was listed and held nothing called `name` in any case; true when unknown. */
  mayContain(dir: string, name: string): boolean {
    if (!this.listed.has(dir)) return true;
    return this.noted.has(`${dir.endsWith(sep) ? dir : dir + sep}${name.toLowerCase()}`);
  }
}
