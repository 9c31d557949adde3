/** ContentFiles (src/store/content-store.ts): what one command has read of the content, kept as the files are. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentFiles } from '../src/store/content-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'digest-files-'));
  writeFileSync(join(dir, 'a.md'), 'naïve a');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ContentFiles', () => {
  it('reads a file from the disk once, as readFileSync does', () => {
    const files = new ContentFiles();
    const a = join(dir, 'a.md');
    expect(files.read(a)).toEqual(readFileSync(a));
    expect(files.text(a)).toBe('naïve a');
    // Under the content lock only the command itself changes a file, and it says so (below): a second read is not
    // made.
    writeFileSync(a, 'changed behind its back');
    expect(files.text(a)).toBe('naïve a');
  });

  it('has no text for a file that is not there, and throws as readFileSync does when asked for its bytes', () => {
    const files = new ContentFiles();
    expect(files.text(join(dir, 'none.md'))).toBeUndefined();
    expect(() => files.read(join(dir, 'none.md'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('holds what the command wrote (text as UTF-8) and forgets what it removed', () => {
    const files = new ContentFiles();
    const a = join(dir, 'a.md');
    const b = join(dir, 'b.md');
    files.read(a);
    files.wrote(a, 'é new a');
    files.wrote(b, new Uint8Array([104, 105]));
    expect(files.read(a)).toEqual(Buffer.from('é new a', 'utf8'));
    expect(files.text(b)).toBe('hi');
    rmSync(a);
    files.removed(a);
    expect(files.text(a)).toBeUndefined();
  });
});
