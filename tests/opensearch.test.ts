/** The OpenSearch description (src/lib/feeds/opensearch.ts): browsers add the digest as a search engine from it. */
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { openSearchDescription } from '../src/lib/feeds/opensearch';

describe('openSearchDescription', () => {
  it('escapes the name and puts the query in q', () => {
    const xml = openSearchDescription({
      shortName: 'R&D <Digest>',
      description: 'Papers.',
      searchUrl: 'https://digest.test/search/',
      selfUrl: 'https://digest.test/opensearch.xml',
      language: 'en',
    });
    expect(xml).toContain('<ShortName>R&amp;D &lt;Digest&gt;</ShortName>');
    expect(xml).toContain('template="https://digest.test/search/?q={searchTerms}"');
  });

  it('is an OpenSearch 1.1 document a parser reads: name and description within their limits, both URLs', () => {
    const xml = openSearchDescription({
      shortName: 'Papers Digest Extended Edition',
      description: 'd'.repeat(2000),
      searchUrl: 'https://digest.test/search/',
      selfUrl: 'https://digest.test/opensearch.xml',
      language: '',
    });
    const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
    const parser = new SaxesParser({ xmlns: false });
    parser.on('opentag', (tag) => elements.push({ name: tag.name, attributes: tag.attributes, text: '' }));
    parser.on('text', (text) => {
      if (elements.length > 0) elements.at(-1)!.text += text.trim();
    });
    parser.write(xml).close();
    const get = (name: string) => elements.filter((e) => e.name === name);
    expect(get('OpenSearchDescription')[0]!.attributes['xmlns']).toBe('http://a9.com/-/spec/opensearch/1.1/');
    expect(get('ShortName')[0]!.text).toBe('Papers Digest Ex');
    expect(get('Description')[0]!.text).toBe('d'.repeat(1024));
    expect(get('InputEncoding')[0]!.text).toBe('UTF-8');
    expect(xml).toContain('<Language/>');
    expect(get('Url').map((u) => u.attributes)).toEqual([
      { type: 'text/html', method: 'get', template: 'https://digest.test/search/?q={searchTerms}' },
      { type: 'application/opensearchdescription+xml', rel: 'self', template: 'https://digest.test/opensearch.xml' },
    ]);
    // One element a line, for a person reading it.
    expect(xml.split('\n').length).toBeGreaterThan(6);
  });
});
