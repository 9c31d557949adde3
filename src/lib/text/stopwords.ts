/**
 * English words, and words every paper uses, that say nothing of a paper's subject: left out where words stand for a
 * subject (related papers, the words that recur among unsorted papers).
 */
const STOPWORDS = new Set(
  'a an and are as at be been being but by can could do does for from has have how however in into is it its may more most much not of on or our over such than that the their them then these they this those through to under up use used using via was we were what when where which while with within would also both each other only same so some very well all any between both different new novel propose proposed show shows paper approach method methods result results based model models task tasks performance existing large work further first one two three while without towards toward achieve achieves state art'.split(
    ' ',
  ),
);

const DIGITS = /^\d+$/;

/** Whether a folded word may name a subject: three letters or more, not a stopword, not a number. */
export function isSubjectWord(form: string): boolean {
  return form.length >= 3 && !STOPWORDS.has(form) && !DIGITS.test(form);
}
