/* The reader's query, turned into the queries Pagefind runs (see hub/search.py).
 *
 * Pagefind 1.5 has no Ukrainian stemmer: it indexes Ukrainian words as they are written, and it
 * matches every query word as the start of indexed words. So each Ukrainian query word is cut to
 * the part that its inflected forms share: «реінтеграції» → «реінтеграц» finds «реінтеграція»,
 * «громадах» → «громад» finds «громада», «громади». A few words change their root vowel
 * («дитина» → «дітей», «шкіл» → «школа»): they get a second query, and the results are merged.
 *
 * Hand-written: Snowball (PyStemmer, snowballstemmer 3.1) and Pagefind have no Ukrainian stemmer,
 * and the ones on npm (@orama/stemmers, ukrstemmer) are meant to stem the index as well: run on
 * the query alone they keep endings that other forms do not share («дітей» → «діте»).
 */

export const APOSTROPHE = "\u02bc";
/* An apostrophe between two Cyrillic letters, in any of the ways keyboards type it; the same
 * characters as APOSTROPHES in hub/search.py, which writes the index. */
const APOSTROPHES = /(?<=[\u0400-\u04ff])['\u2019\u2018`\u02b9\u2032\u02bc](?=[\u0400-\u04ff])/gu;

/* Endings of Ukrainian nouns, adjectives and verbs; the longest one that leaves a stem of
 * MIN_STEM letters with a vowel is cut. Cutting too much only adds results, cutting too little
 * loses the other forms, so the list errs on the long side. */
const ENDINGS = [
  "остями", "остях", "остям", "остей", "ості", "істю", "ість",  // спроможність, спроможності
  "ються", "ється", "ться", "лися", "лася", "лося", "лись", "вши", "учи", "ючи", "ачи", "ячи",
  "ами", "ями", "ьми", "ові", "еві", "єві", "ією", "іям", "іями", "іях",
  "ого", "ього", "ому", "ьому", "ими", "іми", "ах", "ях", "ам", "ям", "ом", "ем", "єм", "ою", "ею", "єю",
  "ів", "їв", "ей", "ій", "ий", "ої", "их", "іх", "им", "ім", "ія", "ії", "ію", "ти", "ть", "ся",
  "а", "я", "о", "е", "є", "у", "ю", "і", "ї", "и", "ь", "й",
].sort((a, b) => b.length - a.length);
const MIN_STEM = 3;
const VOWEL = /[аеєиіїоуюя]/u;
const CYRILLIC = /^[\u0400-\u04ff\u02bc]+$/u;

/* Stems of words whose root changes between their forms, with the other stem to search too. */
const ALTERNATES = { "дитин": "діт", "діт": "дитин", "людин": "люд" };

const STOP_WORDS = {
  uk: new Set("а але в від для до з за зі і із й на не ні по при про та то у чи що як".split(" ")),
  en: new Set("a an and at by for from in is of on or the to with".split(" ")),
};

/* How many queries one search may run at most, when several words have a second stem. */
const MAX_QUERIES = 4;

/** Lower case, and every apostrophe inside a Ukrainian word written as ʼ. */
export function normalize(text) {
  return text.toLowerCase().replace(APOSTROPHES, APOSTROPHE);
}

/** The start that the inflected forms of a Ukrainian word share: «дитини» → «дитин». */
export function stem(word) {
  word = normalize(word);
  if (!CYRILLIC.test(word)) {
    return word;
  }
  const ending = ENDINGS.find((end) => word.endsWith(end) && isStem(word.slice(0, -end.length)));
  const result = ending ? word.slice(0, -ending.length) : word;
  return result.replace(/[ьʼ]$/u, "").replace(/([бвгґджзклмнпрстфхцчш])\1$/u, "$1");  // навчанн(я) → навчан(ь), a form with one н
}

function isStem(start) {
  return start.length >= MIN_STEM && VOWEL.test(start);
}

/** The stems to search for a Ukrainian word: its stem, and the other stem of a changing root. */
export function stems(word) {
  const first = stem(word);
  const found = [first];
  if (ALTERNATES[first]) {
    found.push(ALTERNATES[first]);
  } else if (first === normalize(word) && /^.+і[^аеєиіїоуюяьʼ]$/u.test(first)) {
    found.push(first.replace(/і(.)$/u, "о$1"));  // шкіл → школ(а), осіб → особ(а), Львів → Львов(а)
  }
  return found;
}

/** The Pagefind queries of what the reader typed, in the page's language; their results are merged. */
export function queries(text, lang) {
  const words = normalize(text).split(/[^\p{L}\p{N}\u02bc]+/u).filter(Boolean);
  const stop = STOP_WORDS[lang] ?? new Set();
  const kept = words.filter((word) => !stop.has(word));
  const chosen = kept.length ? kept : words;
  if (lang !== "uk") {
    return chosen.length ? [chosen.join(" ")] : [];  // Pagefind stems English itself
  }
  let combinations = [[]];
  for (const word of chosen) {
    combinations = combinations.flatMap((start) => stems(word).map((one) => [...start, one])).slice(0, MAX_QUERIES);
  }
  return chosen.length ? combinations.map((words) => words.join(" ")) : [];
}
