/* The reader's query, turned into the words and the queries Pagefind runs (see hub/outputs/search.py).
 *
 * Pagefind 1.5 has no Ukrainian stemmer: it indexes Ukrainian words as they are written, and it
 * matches every query word as the start of indexed words. So each Ukrainian query word is cut to
 * the part that its inflected forms share: «реінтеграції» → «реінтеграц» finds «реінтеграція»,
 * «громадах» → «громад» finds «громада», «громади». A few words change their root vowel
 * («дитина» → «дітей», «шкіл» → «школа», «особи» → «осіб»): they get a second query, and the
 * results are merged.
 *
 * Word families. The stem is then cut to the root that the verbs, nouns and adjectives made from it
 * share (`root`), so that a verb finds its noun and a town its adjective: «усиновити», «усиновлення»
 * and «усиновлювачі» are all searched as «усинов», «Дружківка» and «Дружківська» as «дружків». A
 * shorter query only finds more pages, among which Pagefind ranks first the words closest in length
 * to it. A morphological dictionary was tried and left out: pymorphy3 with pymorphy3-dicts-uk (14 MB,
 * 0.1 s to load and to lemmatize the site's 2,500 words) gives lemmas («осіб» → «особа»), which the
 * stems and ALTERNATES find already, not families («усиновити», «усиновлення» stay two), and only at
 * build time: the query, in the browser, would still need this file.
 *
 * Other keyboards. Letters of the Russian layout or spelling are read as the Ukrainian ones
 * («реинтеграцыя»: ы → и, э → е, ъ → ʼ, ё → е), and Latin letters that look like Cyrillic ones
 * inside a Cyrillic word as those («реiнтеграцiя» with a Latin i). What is left (и for і) is a typo,
 * which typos.js corrects when the query finds nothing.
 *
 * Hand-written: Snowball (PyStemmer, snowballstemmer 3.1) and Pagefind have no Ukrainian stemmer,
 * and the ones on npm (@orama/stemmers, ukrstemmer) are meant to stem the index as well: run on
 * the query alone they keep endings that other forms do not share («дітей» → «діте»).
 */

export const APOSTROPHE = "\u02bc";
/* An apostrophe between two Cyrillic letters, in any of the ways keyboards type it; the same
 * characters as APOSTROPHES in hub/outputs/search.py, which writes the index. */
const APOSTROPHES = /(?<=[\u0400-\u04ff])['\u2019\u2018`\u02b9\u2032\u02bc](?=[\u0400-\u04ff])/gu;
const WORD = /[\p{L}\p{N}\u02bc]+/gu;
const CYRILLIC_LETTER = /[\u0400-\u04ff]/u;
/* Letters of the Russian alphabet in a Ukrainian word, and Latin letters that look like Cyrillic ones. */
const RUSSIAN = { "ы": "и", "э": "е", "ъ": APOSTROPHE, "ё": "е" };
const LOOKALIKES = { a: "а", c: "с", e: "е", i: "і", k: "к", o: "о", p: "р", x: "х", y: "у" };

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
const CONSONANT = "[бвгґджзклмнпрстфхцчшщ]";
const CYRILLIC = /^[\u0400-\u04ff\u02bc]+$/u;

/* Suffixes that make verbs, nouns of action or agent and adjectives of one root: «усинов-и-ти»,
 * «усинов-л-ення», «усинов-л-ювач»; «реінтегр-ува-ти», «реінтегр-ац-ія»; «оцін-к-а», «оцін-юван-ня»;
 * «Дружків-к-а», «дружків-ськ-ий»; «містеч-ок», «містеч-к-а». The longest that leaves MIN_ROOT
 * letters with a vowel is cut from the stem, then the л that в, б, п, м, ф take before some of them. */
const SUFFIXES = [
  "ювальн", "увальн", "ювач", "увач", "юван", "уван", "ован", "ува", "юва", "ова",
  "ськ", "цьк", "зьк", "ац", "ен", "ан", "ок", "ив", "ил", "к", "и", "і", "а", "я",
].sort((a, b) => b.length - a.length);
const MIN_ROOT = 4;

/* Stems of words whose root changes between their forms, with the other stem to search too. */
const ALTERNATES = { "дитин": "діт", "діт": "дитин", "людин": "люд" };

const STOP_WORDS = {
  uk: new Set("а але в від для до з за зі і із й на не ні по при про та то у чи що як".split(" ")),
  en: new Set("a an and at by for from in is of on or the to with".split(" ")),
};
const ANY_STOP_WORD = new Set(Object.values(STOP_WORDS).flatMap((words) => [...words]));

/* How many queries one search may run at most, when several words have a second stem. */
const MAX_QUERIES = 6;

/** Lower case, every apostrophe inside a Ukrainian word written as ʼ, and the letters of a Cyrillic word
 * typed on another layout read as Ukrainian ones. */
export function normalize(text) {
  return text.toLowerCase().replace(APOSTROPHES, APOSTROPHE).replace(WORD, (word) => CYRILLIC_LETTER.test(word)
    ? word.replace(/[ыэъёaceikopxy]/gu, (letter) => RUSSIAN[letter] ?? LOOKALIKES[letter])
    : word);
}

/** A word as Pagefind compares it: lower case, without accents (й → и, ї → і) or punctuation. */
export function fold(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}\u02bc]/gu, "");
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

/** The root that the words of a stem's family share: «усиновлен» → «усинов», «дружківськ» → «дружків». */
export function root(stem) {
  const suffix = CYRILLIC.test(stem) && SUFFIXES.find((end) => stem.endsWith(end) && isRoot(stem.slice(0, -end.length)));
  if (!suffix) {
    return stem;
  }
  const cut = stem.slice(0, -suffix.length);
  return /[бвпмф]л$/u.test(cut) && isRoot(cut.slice(0, -1)) ? cut.slice(0, -1) : cut;  // усиновл(ення) → усинов
}

function isRoot(start) {
  return start.length >= MIN_ROOT && VOWEL.test(start);
}

/** The terms to search for a Ukrainian word: the root of its stem, and the other stem of a changing root. */
export function stems(word) {
  const first = stem(word);
  const whole = first === normalize(word);
  let other = ALTERNATES[first];
  if (!other && whole && new RegExp(`^.+і${CONSONANT}$`, "u").test(first)) {
    other = first.replace(/і(.)$/u, "о$1");  // шкіл → школ(а), осіб → особ(а), Львів → Львов(а)
  } else if (!other && !whole && new RegExp(`${CONSONANT}о${CONSONANT}$`, "u").test(first)) {
    other = first.replace(/о(.)$/u, "і$1");  // особ(и) → осіб, школ(и) → шкіл, Львов(а) → Львів
  }
  return other ? [root(first), root(other)] : [root(first)];
}

/** The reader's words, without the stop words of the page's language (unless only those were typed). */
export function words(text, lang, stop = STOP_WORDS[lang] ?? new Set()) {
  const all = normalize(text).match(WORD) ?? [];
  const kept = all.filter((word) => !stop.has(word));
  return kept.length ? kept : all;
}

/** The Pagefind terms of a word: its stems in Ukrainian; in English the word, which Pagefind stems itself. */
function terms(word, lang) {
  return lang === "uk" ? stems(word) : [word];
}

/** The reader's words as Pagefind looks for them: `[{text, terms}]`, each word, or each run of words that
 * a group of `synonyms` names, with the terms that find it, the first the one it was typed as. */
export function parse(text, lang, synonyms = []) {
  const typed = words(text, lang);
  const keys = typed.map((word) => terms(word, lang)[0]);
  const names = synonyms.map((group) => group.map((name) => words(name, lang, ANY_STOP_WORD).map((word) => terms(word, lang)[0]))
    .filter((name) => name.length));
  const parsed = [];
  for (let start = 0; start < typed.length;) {
    const named = names.flatMap((group) => group.filter((name) => name.every((key, i) => keys[start + i] === key))
      .map((name) => ({ name, group })));
    const length = Math.max(1, ...named.map(({ name }) => name.length));
    const own = queries(typed.slice(start, start + length).map((word) => ({ terms: terms(word, lang) })));
    const others = named.filter(({ name }) => name.length === length)
      .flatMap(({ name, group }) => group.filter((other) => other !== name).map((other) => other.join(" ")));
    parsed.push({ text: typed.slice(start, start + length).join(" "), terms: [...new Set([...own, ...others])] });
    start += length;
  }
  return parsed;
}

/** The Pagefind queries that find the pages having every word of `parsed`: the words as typed first, then
 * with the fewest other terms, at most MAX_QUERIES. */
export function queries(parsed) {
  let combinations = [{ terms: [], changed: 0 }];
  for (const word of parsed) {
    combinations = combinations.flatMap((start) => word.terms.map((term, i) => ({ terms: [...start.terms, term], changed: start.changed + (i > 0) })))
      .sort((a, b) => a.changed - b.changed).slice(0, MAX_QUERIES);
  }
  return parsed.length ? combinations.map((combination) => combination.terms.join(" ")) : [];
}

/** The words of `text` as the reader typed them, by their normalized form (`words`). */
export function typedWords(text) {
  return new Map((text.replace(APOSTROPHES, APOSTROPHE).match(WORD) ?? []).map((word) => [normalize(word), word]));
}

/** `text` with the words that `fixes` corrects (a Map of normalized words) written as corrected, in the same case. */
export function respell(text, fixes) {
  return text.replace(APOSTROPHES, APOSTROPHE).replace(WORD, (word) => {
    const fix = fixes.get(normalize(word));
    if (fix === undefined) {
      return word;
    }
    if (word.length > 1 && word === word.toUpperCase()) {
      return fix.toUpperCase();
    }
    return word[0] === word[0].toLowerCase() ? fix : fix[0].toUpperCase() + fix.slice(1);
  });
}
