import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './util/packageRoot.js';

/** This tool's version, from package.json (one source of truth). */
export const TOOL_VERSION: string = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
