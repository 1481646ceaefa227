import { describe, expect, test } from 'vitest';
import { artifactLocation, directoryUri, pointOf, regionOf } from '../../src/reporters/location.js';
import { SourceFile } from '../../src/source/sourceFile.js';

// POSIX paths: Windows drive letters would change the absolute URIs.
describe.skipIf(process.platform === 'win32')('artifactLocation', () => {
  const cwd = '/repo';

  test('a file under cwd is relative to %SRCROOT%, with forward slashes and no ./', () => {
    expect(artifactLocation('src/train.py', cwd)).toEqual({ uri: 'src/train.py', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('./src/train.py', cwd)).toEqual({ uri: 'src/train.py', uriBaseId: '%SRCROOT%' });
  });

  test('space, #, %, ? and non-ASCII are percent-encoded (UTF-8), per segment', () => {
    expect(artifactLocation('my dir/a#b%c?.py', cwd).uri).toBe('my%20dir/a%23b%25c%3F.py');
    expect(artifactLocation('modèle/日本.py', cwd).uri).toBe('mod%C3%A8le/%E6%97%A5%E6%9C%AC.py');
  });

  test('a colon is encoded so the first segment is not read as a URI scheme', () => {
    expect(artifactLocation('c:d.py', cwd).uri).toBe('c%3Ad.py');
  });

  test('a file outside cwd gets an absolute file:// URI and no uriBaseId', () => {
    expect(artifactLocation('/elsewhere/my file.py', cwd)).toEqual({ uri: 'file:///elsewhere/my%20file.py' });
    expect(artifactLocation('../sibling/x.py', cwd)).toEqual({ uri: 'file:///sibling/x.py' });
  });

  test('a file whose name merely starts with two dots is inside cwd', () => {
    expect(artifactLocation('/repo/..hidden.py', cwd)).toEqual({ uri: '..hidden.py', uriBaseId: '%SRCROOT%' });
  });
});

test('directoryUri ends with a slash', () => {
  expect(directoryUri('/repo/my project')).toBe('file:///repo/my%20project/');
  expect(directoryUri('/')).toBe('file:///');
});

test('regionOf counts UTF-16 code units; the end column is exclusive', () => {
  const source = SourceFile.fromText('t.py', 'a\n😀x = 1\n');
  const start = source.text.indexOf('x');
  // The emoji is two UTF-16 code units, so `x` sits at column 3.
  expect(regionOf(source, start, start + 1)).toEqual({ startLine: 2, startColumn: 3, endLine: 2, endColumn: 4 });
});

test('pointOf gives the byte offset in the original bytes: ASCII with and without a BOM, UTF-8, a single-byte encoding', () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  const cases: Array<[string, Buffer, (prefix: string) => number]> = [
    ['ascii', Buffer.from('import mlflow\r\nmlflow.evaluate(x)\n', 'utf8'), (p) => Buffer.byteLength(p, 'utf8')],
    ['ascii + BOM', Buffer.concat([bom, Buffer.from('import mlflow\nmlflow.evaluate(x)\n', 'utf8')]), (p) => 3 + Buffer.byteLength(p, 'utf8')],
    ['utf-8', Buffer.concat([bom, Buffer.from('s = "模型 😀"\nmlflow.evaluate(x)\n', 'utf8')]), (p) => 3 + Buffer.byteLength(p, 'utf8')],
    ['latin-1', Buffer.from('# -*- coding: latin-1 -*-\ns = "caf\xe9"\nmlflow.evaluate(x)\n', 'latin1'), (p) => Buffer.byteLength(p, 'latin1')],
  ];
  for (const [name, bytes, expected] of cases) {
    const source = SourceFile.fromBytes(`${name}.py`, bytes);
    if ('error' in source) throw new Error(source.error);
    for (let i = 0; i <= source.text.length; i++) {
      // Offsets inside a surrogate pair have no byte of their own.
      if (i > 0 && /[\ud800-\udbff]/.test(source.text[i - 1]!)) continue;
      expect(pointOf(source, i).byteOffset, `${name} at ${i}`).toBe(expected(source.text.slice(0, i)));
    }
  }
});
