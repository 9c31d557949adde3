import { describe, expect, it } from 'vitest';
import { gist, sentences } from '../src/lib/text/gist';
import { cutAtWord } from '../src/lib/text/text';

describe('gist', () => {
  it('takes the first sentence in which the authors say what they propose, present or show', () => {
    const abstract = 'Image generation is hard. Prior work is slow. In this paper, we propose FastGen, a one-step generator. It is fast.';
    expect(gist(abstract)).toBe('In this paper, we propose FastGen, a one-step generator.');
  });

  it('falls back to the first sentence when no sentence says what the authors did', () => {
    expect(gist('Codecs compress audio. They are everywhere.')).toBe('Codecs compress audio.');
  });

  it('reads the abstract as the page shows it (LaTeX resolved) and cuts a long sentence at a word', () => {
    const long = `We present ${'a very long method name '.repeat(20)}that works.`;
    const cut = gist(long, 60);
    expect(cut.length).toBeLessThanOrEqual(61);
    expect(cut).toMatch(/^We present a very long method name .*…$/);
    expect(gist('We show 10\\% gains on W_{ID}.')).toBe('We show 10% gains on W_ID.');
  });
});

describe('sentences', () => {
  it('splits at a stop followed by a capital, digit or quote, not inside numbers', () => {
    expect(sentences('It gets 3.5 dB. 2 models help. “Quoted” ends! Done')).toEqual(['It gets 3.5 dB.', '2 models help.', '“Quoted” ends!', 'Done']);
  });
});

describe('cutAtWord', () => {
  it('leaves short text alone and cuts long text at the last word boundary with an ellipsis', () => {
    expect(cutAtWord('short', 10)).toBe('short');
    expect(cutAtWord('one two three four five', 16)).toBe('one two three…');
  });
});

describe('where authors say what they did', () => {
  const lead = 'Codecs compress audio.';
  it.each(['propose', 'present', 'introduce', 'develop', 'design', 'show', 'demonstrate', 'release', 'study', 'investigate', 'find', 'describe'])(
    '“we %s” marks the key sentence',
    (verb) => {
      expect(gist(`${lead} Here we ${verb} a codec. It works.`)).toBe(`Here we ${verb} a codec.`);
    },
  );

  it.each(['This paper', 'This work', 'This study', 'This article', 'Our method', 'Our approach', 'Our model', 'Our work'])(
    '“%s … shows” marks it too',
    (subject) => {
      expect(gist(`${lead} ${subject} clearly shows gains. It works.`)).toBe(`${subject} clearly shows gains.`);
    },
  );

  it('needs the subject and the verb in one sentence, as whole words, and gives nothing for an empty abstract', () => {
    // "weshow" is not "we show"; "we" then a stop then "propose" spans two sentences.
    expect(gist(`${lead} Weshow nothing. It is we. Propose it.`)).toBe(lead);
    expect(gist('')).toBe('');
  });

  it('splits sentences after ! and ? and before an opening bracket or a straight quote (not after a closing bracket)', () => {
    expect(sentences('Why? (It helps.) Yes! "Quoted" too.')).toEqual(['Why?', '(It helps.) Yes!', '"Quoted" too.']);
    expect(sentences('  ')).toEqual([]);
    expect(sentences('lower. case stays')).toEqual(['lower. case stays']);
  });

  it('cuts the gist at 200 characters by default', () => {
    const long = `We propose ${'word '.repeat(80)}end.`;
    const cut = gist(long);
    expect(cut.length).toBeLessThanOrEqual(201);
    expect(cut.length).toBeGreaterThan(150);
    expect(cut.endsWith('…')).toBe(true);
  });
});
