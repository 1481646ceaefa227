import { commandsInView } from './commandSites.js';
import type { ShellCommand } from './shell.js';

/**
 * Makefile recipe lines (tab-indented, continued with `\`), without their `@`/`-`/`+` prefixes;
 * `$$` is make's escape for `$`, read as the shell sees it.
 */
export function makefileCommands(text: string): ShellCommand[] {
  const view = { text: '', map: [] as number[] };
  let inRecipe = false;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, nl);
    const continued = inRecipe && view.text.endsWith('\\\n');
    if (line.startsWith('\t') || continued) {
      let k = start + (line.startsWith('\t') ? 1 : 0);
      if (!continued) while (k < nl && /[@+\- ]/.test(text[k]!)) k++;
      for (; k < nl; k++) {
        if (text[k] === '$' && text[k + 1] === '$') { view.text += '$'; view.map.push(k); k++; continue; }
        view.text += text[k];
        view.map.push(k);
      }
      view.text += '\n';
      view.map.push(nl);
      inRecipe = true;
    } else inRecipe = false;
    start = nl + 1;
  }
  return commandsInView(view);
}

/** Procfile: `process: command` per line. */
export function procfileCommands(text: string): ShellCommand[] {
  const view = { text: '', map: [] as number[] };
  for (const m of text.matchAll(/^[\w.-]+[ \t]*:[ \t]*(.*)$/gm)) {
    const start = m.index! + m[0].length - m[1]!.length;
    for (let k = 0; k < m[1]!.length; k++) { view.text += m[1]![k]; view.map.push(start + k); }
    view.text += '\n';
    view.map.push(start + m[1]!.length);
  }
  return commandsInView(view);
}
