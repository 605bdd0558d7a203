/* Corrections of misspelt words, from the words of the site's own pages in the page's language
 * (`hub-words.json` of the search bundle, written by hub/outputs/vocabulary.py with the number of
 * pages each word is on), fetched the first time a query finds nothing.
 *
 * A word of MIN_LETTERS letters or more is corrected to the word of the site closest to it, within
 * one edit, or two from LONG letters on: a letter added, left out or changed, or two neighbours
 * swapped («reintegartion»); of equally close words, the one on most pages. Letters that readers
 * confuse cost half an edit: и and і (the Russian layout has no і, and Russian spells «ЮНИСЕФ»),
 * е and є, г and ґ. Words are compared as Pagefind compares them (words.fold: й is и, ї is і).
 */

import { fold } from "./words.js";

const MIN_LETTERS = 5;
const LONG = 8;
const CONFUSED = ["иі", "еє", "гґ"];

let vocabulary = null;

/** The words of the bundle's pages, `[{word, folded, pages}]`, fetched once. */
function load(bundle) {
  vocabulary ??= fetch(new URL("hub-words.json", bundle))
    .then((response) => (response.ok ? response.json() : { pages: {} }))
    .then((data) => Object.entries(data.pages).flatMap(([pages, words]) =>
      words.split(" ").map((word) => ({ word, folded: fold(word), pages: Number(pages) }))));
  return vocabulary;
}

/** The corrections of `words` (normalized words that found nothing) from the vocabulary of `bundle` (a URL),
 * as a Map from each word corrected to its correction; the vocabulary is fetched only for a word long enough. */
export async function corrections(words, bundle) {
  const long = words.filter((word) => fold(word).length >= MIN_LETTERS);
  const fixes = new Map();
  if (long.length) {
    const known = await load(bundle);
    for (const word of long) {
      const fix = correct(word, known);
      if (fix) {
        fixes.set(word, fix);
      }
    }
  }
  return fixes;
}

/** The word of `known` closest to `word`, within the edits its length allows, or null. */
export function correct(word, known) {
  const folded = fold(word);
  const most = folded.length >= LONG ? 2 : 1;
  let best = null;
  for (const entry of known) {
    if (Math.abs(entry.folded.length - folded.length) <= most) {
      const edits = distance(folded, entry.folded, most);
      if (edits > 0 && edits <= most && (!best || edits < best.edits || (edits === best.edits && entry.pages > best.pages))) {
        best = { ...entry, edits };
      }
    }
  }
  return best?.word ?? null;
}

/** The edits that turn `a` into `b` (Damerau–Levenshtein, each pair swapped once), or Infinity beyond `most`. */
function distance(a, b, most) {
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let cost = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + change(a[i - 1], b[j - 1]));
      if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        cost = Math.min(cost, before[j - 2] + 1);
      }
      current.push(cost);
    }
    if (Math.min(...current) > most) {
      return Infinity;
    }
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}

function change(x, y) {
  return x === y ? 0 : CONFUSED.some((pair) => pair.includes(x) && pair.includes(y)) ? 0.5 : 1;
}
