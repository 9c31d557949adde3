import { describe, expect, it } from 'vitest';
import { extractLinks, trimUrl } from '../src/lib/ingest/links';

describe('extractLinks', () => {
  it('finds code and project links, without sentence punctuation', () => {
    expect(extractLinks('We provide project page at https://haochen-rye.github.io/HNeRV, and Code at https://github.com/haochen-rye/HNeRV.')).toEqual([
      { url: 'https://haochen-rye.github.io/HNeRV', kind: 'project', label: 'haochen-rye.github.io/HNeRV' },
      { url: 'https://github.com/haochen-rye/HNeRV', kind: 'code', label: 'github.com/haochen-rye/HNeRV' },
    ]);
  });

  it('stops at a LaTeX brace and keeps one link when the label repeats the URL', () => {
    expect(extractLinks('at https://github.com/yangdongchao/AcademiCodec{https://github.com/yangdongchao/AcademiCodec}').map((l) => l.url)).toEqual([
      'https://github.com/yangdongchao/AcademiCodec',
    ]);
    expect(extractLinks('at https://github.com/hutaiHang/Faster-Diffusion{FasterDiffusion}.').map((l) => l.url)).toEqual([
      'https://github.com/hutaiHang/Faster-Diffusion',
    ]);
  });

  it('labels a deep code link by its repository', () => {
    expect(extractLinks('See https://github.com/apple/ml-cvnets/tree/main/examples/byteformer.')[0]).toEqual({
      url: 'https://github.com/apple/ml-cvnets/tree/main/examples/byteformer',
      kind: 'code',
      label: 'github.com/apple/ml-cvnets',
    });
  });

  it('finds a GitHub link written without a scheme', () => {
    expect(extractLinks('Code: github.com/foo/bar.')).toEqual([{ url: 'https://github.com/foo/bar', kind: 'code', label: 'github.com/foo/bar' }]);
  });

  it('finds nothing in plain prose', () => {
    expect(extractLinks('No links here, e.g. H.264 or v1.2.')).toEqual([]);
  });
});

describe('trimUrl', () => {
  it.each([
    ['https://a.org/x.', 'https://a.org/x'],
    ['https://a.org/x),', 'https://a.org/x'],
    ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['https://github.com/ihaeyong/PFNR.git.', 'https://github.com/ihaeyong/PFNR.git'],
  ])('%s → %s', (raw, url) => expect(trimUrl(raw)).toBe(url));
});

describe('extractLinks, case by case', () => {
  it.each([
    ['gitlab.com', 'https://gitlab.com/a/b', 'code'],
    ['bitbucket.org', 'https://bitbucket.org/a/b', 'code'],
    ['codeberg.org', 'https://codeberg.org/a/b', 'code'],
    ['git.sr.ht', 'https://git.sr.ht/~a/b', 'code'],
    ['huggingface.co', 'https://huggingface.co/a/b', 'code'],
    ['a project site', 'https://example.org/a/b', 'project'],
  ])('counts %s as %s', (_, url, kind) => {
    expect(extractLinks(`Code: ${url} here.`)).toEqual([expect.objectContaining({ url, kind })]);
  });

  it('labels without www., a trailing slash or .git, and keeps a link once however it ends', () => {
    expect(extractLinks('See https://www.github.com/a/b.git and https://github.com/a/b/ and http://www.example.org/site/ too.')).toEqual([
      { url: 'https://www.github.com/a/b.git', kind: 'code', label: 'github.com/a/b' },
      { url: 'https://github.com/a/b/', kind: 'code', label: 'github.com/a/b' },
      { url: 'http://www.example.org/site/', kind: 'project', label: 'example.org/site' },
    ]);
    expect(extractLinks('Twice: https://github.com/A/B.git and https://github.com/a/b').map((l) => l.url)).toEqual(['https://github.com/A/B.git']);
    expect(extractLinks('https://example.org/x.gitlab and https://example.org/x').map((l) => l.label)).toEqual(['example.org/x.gitlab', 'example.org/x']);
  });

  it('cuts a long label at 60 characters with an ellipsis, and leaves one of 60 whole', () => {
    const sixty = `https://example.org/${'a'.repeat(60 - 'example.org/'.length)}`;
    expect(extractLinks(`At ${sixty} now.`)[0]!.label).toHaveLength(60);
    const [long] = extractLinks(`At ${sixty}b now.`);
    expect(long!.label).toBe(`example.org/${'a'.repeat(47)}…`);
  });

  it('reads http as well as https, and skips a host without a dot', () => {
    expect(extractLinks('At http://example.org/x and https://localhost/x.').map((l) => l.url)).toEqual(['http://example.org/x']);
    expect(extractLinks('At HTTPS://EXAMPLE.ORG/x.').map((l) => l.url)).toEqual(['https://example.org/x']);
  });

  it('finds a URL in the middle of a line, not only at its start', () => {
    expect(extractLinks('Our code (see github.com/a/b) is open.').map((l) => l.url)).toEqual(['https://github.com/a/b']);
  });
});

describe('trimUrl, more', () => {
  it.each([
    ['https://a.org/x...', 'https://a.org/x'],
    ['https://a.org/x;!?*', 'https://a.org/x'],
    ['https://a.org/x).', 'https://a.org/x'],
    ['https://a.org/(x)', 'https://a.org/(x)'],
    ['https://a.org/x))', 'https://a.org/x'],
    ['https://a.org/x', 'https://a.org/x'],
  ])('%s → %s', (raw, url) => expect(trimUrl(raw)).toBe(url));
});

describe('links, at the edges', () => {
  const only = (abstract: string) => extractLinks(abstract).map((l) => [l.url, l.label]);

  it('trims a run of sentence punctuation, keeps balanced brackets, and strips any number of trailing slashes from a label', () => {
    expect(only('See https://example.org/page...')).toEqual([['https://example.org/page', 'example.org/page']]);
    expect(only('(see https://en.wikipedia.org/wiki/Codec_(audio)).')).toEqual([
      ['https://en.wikipedia.org/wiki/Codec_(audio)', 'en.wikipedia.org/wiki/Codec_(audio)'],
    ]);
    expect(only('Code: https://github.com/a/b//')).toEqual([['https://github.com/a/b//', 'github.com/a/b']]);
  });

  it('drops only a leading www. from a host, and keeps a label of exactly 60 characters whole', () => {
    expect(only('https://docs.www.example.org/x')).toEqual([['https://docs.www.example.org/x', 'docs.www.example.org/x']]);
    const path = 'p'.repeat(60 - 'example.org/'.length);
    expect(only(`https://example.org/${path}`)[0]![1]).toBe(`example.org/${path}`);
    expect(only(`https://example.org/${path}q`)[0]![1]).toBe(`example.org/${path.slice(0, 47)}…`);
  });

  it('reads a bare code-host link whose query holds a URL as a bare link', () => {
    expect(only('At github.com/a/b?next=http://x.org')).toEqual([['https://github.com/a/b?next=http://x.org', 'github.com/a/b']]);
  });

  it('lists a link once, whatever its case, trailing slashes or .git', () => {
    expect(only('https://github.com/A/B and https://github.com/a/b/ and https://github.com/a/b.git and https://github.com/a/b//')).toEqual([
      ['https://github.com/A/B', 'github.com/A/B'],
    ]);
  });
});
