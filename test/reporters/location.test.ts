import { describe, expect, test } from 'vitest';
import { artifactLocation, directoryUri, regionOf } from '../../src/reporters/location.js';
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
