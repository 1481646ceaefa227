import type { SyntaxNode } from '../../parser/types.js';
import type { Edit } from '../types.js';
import { lineEndingAt } from '../statementEdits.js';

/** Edits of `from M import a, b as c` statements shared by rules that move names between modules. */

/** The imported items of a `from ... import` statement (`dotted_name` or `aliased_import` nodes). */
export function importedItems(statement: SyntaxNode): SyntaxNode[] {
  return statement.childrenForFieldName('name');
}

/** `name` or `name as alias`, normalized. */
export function itemSpelling(item: SyntaxNode): string {
  if (item.type !== 'aliased_import') return item.text.replace(/\s+/g, '');
  const name = item.childForFieldName('name')!.text.replace(/\s+/g, '');
  return `${name} as ${item.childForFieldName('alias')!.text}`;
}

/** Replaces the module of `from <module> import ...`. */
export function replaceModuleEdit(statement: SyntaxNode, module: string): Edit {
  const moduleNode = statement.childForFieldName('module_name')!;
  return { start: moduleNode.startIndex, end: moduleNode.endIndex, text: module };
}

/**
 * Moves one item of a `from` import to `toModule`: the whole statement's module is replaced when
 * it is the only item; otherwise the item is removed and `from <toModule> import <item>` is
 * inserted on its own line just before the statement (same indentation). Undefined when the
 * statement does not start its line (`x = 1; from m import a, b`).
 */
export function moveImportItemEdits(statement: SyntaxNode, item: SyntaxNode, toModule: string, text: string): Edit[] | undefined {
  const items = importedItems(statement);
  if (items.length === 1) return [replaceModuleEdit(statement, toModule)];
  const i = items.findIndex((it) => it.startIndex === item.startIndex);
  if (i < 0) return undefined;
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const indent = text.slice(lineStart, statement.startIndex);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const insert = { start: statement.startIndex, end: statement.startIndex, text: `from ${toModule} import ${itemSpelling(item)}${lineEndingAt(text, statement.endIndex)}${indent}` };
  // Delete the item with the comma that separates it from its neighbour.
  const remove = i > 0
    ? { start: items[i - 1]!.endIndex, end: item.endIndex, text: '' }
    : { start: item.startIndex, end: items[1]!.startIndex, text: '' };
  return [insert, remove];
}

