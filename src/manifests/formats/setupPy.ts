import type { PythonParser, SyntaxNode } from '../../parser/types.js';
import type { ManifestScan, PythonFloor } from '../pinChecks.js';
import { offsetRequirement, parsePep508, type Requirement, type TextSpan } from '../requirement.js';

/** Keywords of `setup()` that list requirements. */
const REQUIREMENT_LISTS = new Set(['install_requires', 'setup_requires', 'tests_require']);

/**
 * `setup.py`: the string literals of `setup(install_requires=[...], extras_require={...},
 * python_requires="...")`, directly or through a module-level name (`install_requires=REQUIRES`).
 */
export function scanSetupPy(text: string, parser: PythonParser): ManifestScan {
  const tree = parser.parse(text);
  try {
    const root = tree.rootNode;
    const assignments = moduleAssignments(root);
    const requirements: Requirement[] = [];
    const pythonFloors: PythonFloor[] = [];
    for (const call of root.descendantsOfType('call')) {
      const fn = call.childForFieldName('function');
      const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (name !== 'setup') continue;
      for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg.type !== 'keyword_argument') continue;
        const key = arg.childForFieldName('name')?.text ?? '';
        const value = resolve(arg.childForFieldName('value'), assignments);
        if (!value) continue;
        if (REQUIREMENT_LISTS.has(key)) requirements.push(...stringRequirements(value));
        else if (key === 'extras_require' && value.type === 'dictionary') {
          for (const pair of value.namedChildren) {
            if (pair.type === 'pair') requirements.push(...stringRequirements(resolve(pair.childForFieldName('value'), assignments)));
          }
        } else if (key === 'python_requires') {
          const s = literal(value);
          if (s) pythonFloors.push({ constraint: s, dialect: 'pep440', label: `\`python_requires="${s.text}"\``, exact: true });
        }
      }
    }
    return { requirements, pythonFloors };
  } finally {
    tree.delete?.();
  }
}

function moduleAssignments(root: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const stmt of root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type === 'identifier' && right) out.set(left.text, right);
  }
  return out;
}

function resolve(node: SyntaxNode | null | undefined, assignments: Map<string, SyntaxNode>): SyntaxNode | undefined {
  if (node?.type === 'identifier') return assignments.get(node.text);
  return node ?? undefined;
}

function stringRequirements(node: SyntaxNode | undefined): Requirement[] {
  if (!node) return [];
  const items = node.type === 'list' || node.type === 'tuple' ? node.namedChildren : node.type === 'string' ? [node] : [];
  const out: Requirement[] = [];
  for (const item of items) {
    const s = literal(item);
    const parsed = s && parsePep508(s.text);
    if (parsed) out.push(offsetRequirement(parsed, s.start));
  }
  return out;
}

/** A plain string literal's content (no f-/b-prefix, no escapes, no implicit concatenation). */
function literal(node: SyntaxNode): TextSpan | undefined {
  if (node.type !== 'string') return undefined;
  const [open, ...rest] = node.children;
  const close = rest[rest.length - 1];
  if (!open || open.type !== 'string_start' || close?.type !== 'string_end' || /[fFbB]/.test(open.text)) return undefined;
  const parts = rest.slice(0, -1);
  if (parts.some((p) => p.type !== 'string_content' || p.namedChildren.length > 0)) return undefined;
  return { start: open.endIndex, end: close.startIndex, text: node.text.slice(open.endIndex - node.startIndex, close.startIndex - node.startIndex) };
}
