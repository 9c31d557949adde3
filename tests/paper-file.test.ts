/** A paper's Markdown file (src/lib/ingest/paper-file.ts): written from the schema, read back the same. */
import { describe, expect, it } from 'vitest';
import { parsePaperFile, serializePaper, unknownPinnedTopics } from '../src/lib/ingest/paper-file';
import type { DumpPaper } from '../src/lib/ingest/parse';
import { mergeDumps, type Tagger } from '../src/lib/ingest/records';

const noTopics: Tagger = () => [{ slug: 'vision', score: 5, evidence: ['image'] }];
const paper = (title: string, rank: number, abstract = `Abstract of ${title}. It is prose.`): DumpPaper => ({ title, abstract, rank, line: rank * 2 });

describe('paper files', () => {
  const record = mergeDumps(
    [
      {
        date: '2026-11-26',
        file: 'a.txt',
        papers: [paper('Title: with “quotes” & <b>html</b>', 3, 'An abstract: 10\\% of data, see https://github.com/a/b.\nSecond line?')],
      },
    ],
    new Map(),
    noTopics,
  ).papers[0]!;

  it('round-trips a record through its Markdown file', () => {
    const text = serializePaper(record);
    expect(parsePaperFile(text)).toEqual({ ok: true, value: record });
  });

  it('writes dates as strings and keys in a fixed order', () => {
    const text = serializePaper(record);
    expect(text.split('\n').slice(0, 4)).toEqual([
      '---',
      'id: title-with-quotes-b-html-b',
      "title: 'Title: with “quotes” & <b>html</b>'",
      "firstSeen: '2026-11-26'",
    ]);
    expect(serializePaper(record)).toBe(text);
  });

  it('reads a date a hand edit wrote without quotes (a YAML timestamp) as the day it names', () => {
    const text = serializePaper(record).replace("firstSeen: '2026-11-26'", 'firstSeen: 2026-11-26').replace("- date: '2026-11-26'", '- date: 2026-11-26');
    expect(text).toContain('firstSeen: 2026-11-26\n');
    expect(parsePaperFile(text)).toEqual({ ok: true, value: record });
  });

  it('writes every field of the schema, so a field the record carries is never dropped', () => {
    const withPins = { ...record, pinnedTopics: ['codecs'] };
    expect(parsePaperFile(serializePaper(withPins))).toEqual({ ok: true, value: withPins });
  });

  it('finds hand-set topics the taxonomy does not have, with their lines, in either YAML style', () => {
    const topics = new Set(['codecs', 'vision']);
    const block = serializePaper({ ...record, pinnedTopics: ['codecs', 'codcs-typo'] });
    expect(unknownPinnedTopics(block, { ...record, pinnedTopics: ['codecs', 'codcs-typo'] }, topics)).toEqual([
      { line: block.split('\n').indexOf('  - codcs-typo') + 1, slug: 'codcs-typo' },
    ]);
    const flow = serializePaper(record).replace('\nlinks:', '\npinnedTopics: [vision, visoin]\nlinks:');
    expect(unknownPinnedTopics(flow, { ...record, pinnedTopics: ['vision', 'visoin'] }, topics)).toEqual([
      { line: flow.split('\n').indexOf('pinnedTopics: [vision, visoin]') + 1, slug: 'visoin' },
    ]);
    expect(unknownPinnedTopics(block, { ...record, pinnedTopics: ['codecs'] }, topics)).toEqual([]);
  });

  it('names the pinnedTopics line, not an earlier or later line that mentions the same word', () => {
    const topics = new Set(['vision']);
    const mentioned = { ...record, title: 'Why visoin matters', abstract: 'A visoin abstract.' };
    const flow = serializePaper(mentioned).replace('\nlinks:', '\npinnedTopics: [visoin]\nlinks:');
    expect(unknownPinnedTopics(flow, { ...mentioned, pinnedTopics: ['visoin'] }, topics)).toEqual([
      { line: flow.split('\n').indexOf('pinnedTopics: [visoin]') + 1, slug: 'visoin' },
    ]);
  });

  it('asks for quotes around an arXiv id written by hand as a bare number', () => {
    const text = serializePaper(record).replace('\nlinks:', '\narxivId: 2401.01230\nlinks:');
    expect(parsePaperFile(text)).toEqual({ ok: false, message: expect.stringMatching(/^arxivId: write it in quotes/) as unknown });
    expect(parsePaperFile(serializePaper(record).replace('\nlinks:', "\narxivId: '2401.01230'\nlinks:"))).toMatchObject({
      ok: true,
      value: { arxivId: '2401.01230' },
    });
  });

  it('names the bad field of a hand-broken file', () => {
    const broken = serializePaper(record).replace("firstSeen: '2026-11-26'", "firstSeen: '2026-13-45'");
    expect(parsePaperFile(broken)).toEqual({ ok: false, message: 'firstSeen: is not a real calendar date' });
    const unclosed = parsePaperFile('---\nid: [unclosed\n---\nx');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.message).toMatch(/^front matter is not valid YAML \(unexpected end of the stream.{10,}\)$/);
    expect(parsePaperFile('---\n42\n---\nAn abstract.')).toEqual({ ok: false, message: 'Invalid input: expected object, received number' });
    expect(
      parsePaperFile(
        serializePaper(record)
          .replace(/^---[\s\S]*?---\n/, (m) => m)
          .replace(/\n---\n[\s\S]*$/, '\n---\n\n'),
      ),
    ).toEqual({ ok: false, message: 'abstract: must not be empty' });
  });
});
