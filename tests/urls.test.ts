import { describe, expect, it } from 'vitest';
import { absoluteUrl, paths, restParam, withBase } from '../src/lib/site/urls';

describe('withBase', () => {
  it.each([
    ['/', 'papers/x/', '/papers/x/'],
    ['', 'papers/x/', '/papers/x/'],
    ['/digest/', 'papers/x/', '/digest/papers/x/'],
    ['digest', '/papers/x/', '/digest/papers/x/'],
    ['/digest', '', '/digest/'],
    ['//a/b//', 'rss.xml', '/a/b/rss.xml'],
  ])('joins base %j and path %j as %j', (base, path, url) => expect(withBase(base, path)).toBe(url));
});

describe('absoluteUrl', () => {
  it('puts the base path under the site origin, whatever path the site URL carries', () => {
    expect(absoluteUrl('https://you.github.io', '/repo/', paths.paper('a-b'))).toBe('https://you.github.io/repo/papers/a-b/');
    expect(absoluteUrl(new URL('https://x.org/ignored/'), '/', paths.rss())).toBe('https://x.org/rss.xml');
  });
});

describe('paths', () => {
  it('gives page 1 of a topic its plain address and later pages a page/N address', () => {
    expect(paths.topic('codecs')).toBe('topics/codecs/');
    expect(paths.topic('codecs', 1)).toBe('topics/codecs/page/1/');
    expect(paths.topic('codecs', 3)).toBe('topics/codecs/page/3/');
  });

  it('puts the last page of a topic, its front page, at the topic’s own address, and the others at page/N', () => {
    expect([1, 2, 3].map((page) => paths.topicPage('codecs', page, 3))).toEqual(['topics/codecs/page/1/', 'topics/codecs/page/2/', 'topics/codecs/']);
    expect(paths.topicPage('codecs', 1, 1)).toBe('topics/codecs/');
  });

  it('gives the rest parameter that puts a route at a path under its prefix', () => {
    expect(restParam('topics/codecs/page/2/', 'topics/codecs/')).toBe('page/2');
    expect(restParam('topics/codecs/', 'topics/codecs/')).toBeUndefined();
    expect(() => restParam('days/2026-11-26/', 'topics/codecs/')).toThrow(/not under/);
  });

  it('ends directory pages in a slash and files without one', () => {
    expect(paths.day('2026-11-26')).toBe('days/2026-11-26/');
    expect(paths.monthExport('2026-11')).toBe('data/papers-2026-11.json.gz');
    expect(paths.topicFeed('codecs')).toBe('topics/codecs/rss.xml');
  });
});
