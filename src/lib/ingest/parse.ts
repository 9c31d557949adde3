import { GLUED_BUTTON, isFurniture } from './furniture';
import { cleanLine, splitLines, titleKey } from './normalise';
import type { Problem } from './problems';

/** One paper as read from one dump, before it becomes a record. */
export interface DumpPaper {
  title: string;
  abstract: string;
  /** 1-based position in the dump after duplicates are removed. */
  rank: number;
  /** Line of the title in the dump file. */
  line: number;
}

export interface DumpParse {
  papers: DumpPaper[];
  problems: Problem[];
  /** Set when the file cannot be a dump at all (empty, binary, no papers): one sentence for the reader. */
  fatal?: string;
}

interface ContentLine {
  line: number;
  text: string;
}

/** The longest title and abstract a paper may have: anything longer is a paste gone wrong, not a paper. */
export const MAX_TITLE_LENGTH = 1_000;
export const MAX_ABSTRACT_LENGTH = 20_000;

/** The encoding a byte-order mark announces: Windows tools save "Unicode" text as UTF-16 with one. */
function bomEncoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Decodes a dump's bytes as UTF-8 (or UTF-16 where a byte-order mark says so), refusing binary data. A byte-order mark is dropped. */
export function decodeDump(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: 'is empty' };
  const utf16 = bomEncoding(bytes);
  if (utf16) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true }).decode(bytes) };
    } catch {
      return { ok: false, reason: `is not valid ${utf16.toUpperCase()} text, though it starts with that byte-order mark` };
    }
  }
  // A stray control byte is noise in a text dump; many of them mean the file is not text at all.
  let controls = 0;
  for (const byte of bytes) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls += 1;
  if (controls > Math.max(4, bytes.length * 0.02)) return { ok: false, reason: 'is not a text dump (it contains binary data)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'is not UTF-8 text (save the dump as UTF-8 and try again)' };
  }
}

// How much a line reads like running prose: words, plus weight for each sentence end. Relative, not a threshold.
// Scripts written without spaces (CJK) count about one word per two characters.
function proseWeight(text: string): number {
  const unspaced = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  const words = text.split(' ').length + unspaced / 2;
  const sentenceEnds = text.match(/[.!?](?=\s+\p{Lu}|$)|[。！？]/gu)?.length ?? 0;
  return words + 3 * sentenceEnds;
}

/**
 * True when `candidate`, standing where the abstract of `title` should be, is really the next paper's title:
 * it reads no more like prose than a title does, while the line after it reads far more like prose.
 */
function isNextTitle(title: ContentLine, candidate: ContentLine, after: ContentLine | undefined): boolean {
  if (!after) return false;
  const c = proseWeight(candidate.text);
  return proseWeight(after.text) >= 3 * c && c < 3 * proseWeight(title.text);
}

function preview(text: string): string {
  return text.length > 60 ? `“${text.slice(0, 57)}…”` : `“${text}”`;
}

/** Reads the lines of a dump that carry content, dropping chrome and blank lines with notes. */
function contentLines(text: string, file: string, problems: Problem[]): ContentLine[] {
  const lines = splitLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const out: ContentLine[] = [];
  let blankRun = 0;
  let blankStart = 0;
  let pageStart = true;
  const flushBlanks = () => {
    if (blankRun > 0 && out.length > 0) {
      problems.push({ file, line: blankStart, severity: 'note', message: `skipped ${blankRun} blank line${blankRun > 1 ? 's' : ''}` });
    }
    blankRun = 0;
  };
  lines.forEach((raw, index) => {
    const line = index + 1;
    const { text: cleaned, removed } = cleanLine(raw);
    // The note for a run of blank lines comes before the notes of the line after it, so notes are in line order.
    if (cleaned !== '') flushBlanks();
    if (removed > 0) {
      problems.push({ file, line, severity: 'note', message: `removed ${removed} control or invisible character${removed > 1 ? 's' : ''}` });
    }
    if (cleaned === '') {
      if (blankRun === 0) blankStart = line;
      blankRun += 1;
      return;
    }
    if (isFurniture(cleaned)) {
      problems.push({ file, line, severity: 'note', message: `skipped page chrome ${preview(cleaned)}` });
      pageStart = true;
      return;
    }
    let content = cleaned;
    if (pageStart && GLUED_BUTTON.test(content)) {
      content = content.replace(GLUED_BUTTON, '').trim();
      problems.push({ file, line, severity: 'note', message: 'removed the “Subscribe” button text glued to the title' });
    }
    pageStart = false;
    out.push({ line, text: content });
  });
  return out;
}

/**
 * Parses the text of one dump: page chrome, then alternating title and abstract lines. Never throws; every paper
 * that can be read is returned, and everything else is a problem with its line.
 */
export function parseDump(text: string, file: string): DumpParse {
  const problems: Problem[] = [];
  const lines = contentLines(text, file, problems);
  const papers: DumpPaper[] = [];
  const firstLineByKey = new Map<string, number>();

  for (let i = 0; i < lines.length;) {
    const title = lines[i]!;
    const candidate = lines[i + 1];
    if (!candidate) {
      problems.push({
        file,
        line: title.line,
        severity: 'error',
        message: `${preview(title.text)} has no abstract after it (the dump ends); the paper was not read`,
      });
      break;
    }
    if (isNextTitle(title, candidate, lines[i + 2])) {
      const orphanIsProse = proseWeight(title.text) >= 3 * proseWeight(candidate.text);
      problems.push({
        file,
        line: title.line,
        severity: 'error',
        message: orphanIsProse
          ? `${preview(title.text)} reads like an abstract with no title before it; the paper was not read`
          : `${preview(title.text)} has no abstract (line ${candidate.line} reads like the next title); the paper was not read`,
      });
      i += 1;
      continue;
    }
    i += 2;
    const key = titleKey(title.text);
    const first = firstLineByKey.get(key);
    if (first !== undefined) {
      problems.push({ file, line: title.line, severity: 'note', message: `${preview(title.text)} repeats the paper at line ${first}; kept the first` });
      continue;
    }
    const tooLong =
      title.text.length > MAX_TITLE_LENGTH
        ? `its title is ${title.text.length.toLocaleString('en')} characters long (at most ${MAX_TITLE_LENGTH.toLocaleString('en')})`
        : candidate.text.length > MAX_ABSTRACT_LENGTH
          ? `its abstract (line ${candidate.line}) is ${candidate.text.length.toLocaleString('en')} characters long (at most ${MAX_ABSTRACT_LENGTH.toLocaleString('en')})`
          : undefined;
    if (tooLong) {
      problems.push({ file, line: title.line, severity: 'error', message: `${preview(title.text)} is not a paper: ${tooLong}; it was not read` });
      continue;
    }
    firstLineByKey.set(key, title.line);
    papers.push({ title: title.text, abstract: candidate.text, rank: papers.length + 1, line: title.line });
  }

  if (papers.length === 0) {
    const fatal = lines.length === 0 ? 'has no papers in it (only page chrome or blank lines)' : 'has no papers that could be read';
    return { papers, problems, fatal };
  }
  return { papers, problems };
}
