import { describe, expect, it } from 'vitest';
import { extractLinks, trimUrl } from '../src/lib/links';

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
