/** Text clean-up shared by the parser and the id/dedupe keys. Pure functions of strings. */

// C0 controls except tab, DEL, C1 controls, and invisible format characters that break matching.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /[\t\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000 ]+/g;

export interface CleanLine {
  text: string;
  /** How many control or invisible characters were removed. */
  removed: number;
}

/** Removes control characters, folds every kind of space run to one space, trims, and NFC-normalises. */
export function cleanLine(raw: string): CleanLine {
  let removed = 0;
  const text = raw
    .replace(CONTROL, () => {
      removed += 1;
      return '';
    })
    .replace(SPACES, ' ')
    .trim()
    .normalize('NFC');
  return { text, removed };
}

/** The key under which two titles count as the same paper: differences in case, spacing or Unicode form vanish. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Splits text into lines on any of \r\n, \r, \n. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
