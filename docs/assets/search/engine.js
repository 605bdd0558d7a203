/* Searching the site: Pagefind's index of the page's `<html lang>`, loaded from the site on the first
 * query, in small chunks, with the groups of names searched as one (`hub-synonyms.json`). The reader's
 * words become one or more Pagefind queries (words.js), whose results are merged, each page with its
 * best score.
 *
 * A query that finds nothing is no dead end. Each of its words is searched alone; a word that finds
 * nothing is corrected from the words of the site (typos.js), and the corrected query is shown if it
 * finds pages. Otherwise the pages that have the most of the words come first, and the reader is told
 * which words the first of them lack, and offered the correction if there is one. */

import { fold, parse, queries, respell, typedWords } from "./words.js";

let engine = null;
let settings = null;

/** Pagefind, loaded once from the language's `bundle` (a URL) of the site at `root` (a URL): one instance for each
 * part of the bundle (a large site is indexed in parts, hub/outputs/search.py), each searched on its own, as Pagefind's
 * fallback to shorter words (see `related`) is to be judged within one index. */
function pagefind(root, bundle) {
  engine ??= bundleSettings(bundle).then(({ parts }) => Promise.all(["", ...parts].map(async (part) => {
    const loaded = await import(new URL(`${part}pagefind.js`, bundle).href);
    await loaded.options({ baseUrl: root.pathname, excerptLength: 24 });
    await loaded.init();
    return loaded;
  })));
  return engine;
}

/** The groups of names searched as one and the bundle's other parts, fetched once from the `bundle`; none of either if
 * they cannot be. */
function bundleSettings(bundle) {
  settings ??= fetch(new URL("hub-synonyms.json", bundle))
    .then((response) => (response.ok ? response.json() : {}))
    .then((data) => ({ groups: data.groups ?? [], parts: data.parts ?? [] }), () => ({ groups: [], parts: [] }));
  return settings;
}

/* When no indexed word starts with a query word, Pagefind searches the longest start of it that is
 * indexed («невидимка» → «не»), and has no option to stop it (Pagefind issue #780). A query counts
 * as found only if its best result has, for every word, a word (or part of a hyphenated word) that
 * starts like it, and not a word cut more than two letters shorter. */
function related(word, term) {
  let shared = 0;
  while (shared < word.length && shared < term.length && word[shared] === term[shared]) {
    shared++;
  }
  return shared >= Math.min(3, term.length) && !(term.startsWith(word) && term.length - word.length > 2);
}

async function matches(search, query) {
  if (!search.results.length) {
    return [];
  }
  const [best] = search.results;
  // the result's own locations: Pagefind keeps one fragment per page, whose `locations` the last search to load it wrote
  const words = (await best.data()).content.split(/\s+/);
  const located = best.words.flatMap((location) => [words[location] ?? "", ...(words[location] ?? "").split(/[-–—/]/)]).map(fold);
  const found = query.split(" ").every((term) => located.some((word) => related(word, fold(term))));
  return found ? search.results : [];
}

/** The results of `query` that Pagefind found for every word of it in any part of the index, as a Map of page id → result. */
async function search(indexes, query) {
  return merged(await Promise.all(indexes.map(async (index) => matches(await index.search(query), query))));
}

/** Each page of several lists of results once, with its best score. */
function merged(lists) {
  const best = new Map();
  for (const result of lists.flatMap((list) => [...list.values()])) {
    if ((best.get(result.id)?.score ?? -1) < result.score) {
      best.set(result.id, result);
    }
  }
  return best;
}

/** The pages having every word of `parsed` (words.parse), by any of the words' terms. */
async function every(indexes, parsed) {
  return merged(await Promise.all(queries(parsed).map((query) => search(indexes, query))));
}

/** The pages having one word of `parsed` (words.parse), by any of its terms. */
async function having(indexes, word) {
  return merged(await Promise.all(word.terms.map((term) => search(indexes, term))));
}

/** The corrections of `words` (typos.js), whose script is loaded only for a query that has a word to correct. */
async function corrections(words, bundle) {
  return words.length ? (await import("./typos.js")).corrections(words, bundle) : new Map();
}

/** What a query that finds nothing finds instead. Its words are searched one by one; if correcting those that find
 * nothing makes a query that finds pages, `{found, corrected}`: those pages and the query. Otherwise the pages that
 * have most of its words, `{found, leftOut}` with the words the first page lacks, and `suggestion`, the correction;
 * if none has any, the same for the corrected query. */
async function rescue(indexes, text, parsed, lang, bundle, groups) {
  const each = await Promise.all(parsed.map((word) => having(indexes, word)));
  const unknown = parsed.filter((word, i) => !each[i].size && !word.text.includes(" ")).map((word) => word.text);
  const corrected = respell(text, await corrections(unknown, bundle));
  const fixed = corrected === text ? null : parse(corrected, lang, groups);
  if (fixed) {
    const found = await every(indexes, fixed);
    if (found.size) {
      return { found, corrected };
    }
  }
  const partly = mostWords(text, parsed, each);
  if (partly.found.size || !fixed) {
    return { ...partly, suggestion: fixed ? corrected : null };
  }
  return { ...mostWords(corrected, fixed, await Promise.all(fixed.map((word) => having(indexes, word)))), corrected };
}

/** The pages having any of the words of `parsed`, those having most of them first (`each`: the pages having each
 * word), and the words the first one lacks, as typed in `text`: `{found, leftOut}`. */
function mostWords(text, parsed, each) {
  const pages = new Map();
  each.forEach((results, i) => {
    for (const result of results.values()) {
      const page = pages.get(result.id) ?? { score: 0, has: new Set(), best: result };
      page.score += result.score;
      page.has.add(i);
      page.best = page.best.score < result.score ? result : page.best;
      pages.set(result.id, page);
    }
  });
  const ranked = [...pages.values()].sort((a, b) => b.has.size - a.has.size || b.score - a.score);
  const typed = typedWords(text);
  const leftOut = ranked.length ? parsed.filter((_, i) => !ranked[0].has.has(i))
    .map((word) => word.text.split(" ").map((one) => typed.get(one) ?? one).join(" ")) : [];
  return { found: new Map(ranked.map((page, rank) => [page.best.id, { score: ranked.length - rank, data: page.best.data }])), leftOut };
}

/** The `shown` best results of `text` in language `lang` (its index at `bundle`), each `{url, title, excerpt, date}`,
 * how many pages matched, and when the query as typed found nothing, what was searched instead: `corrected`, the
 * query whose results these are, or `leftOut`, the words the first result lacks, and `suggestion`, a correction. */
export async function find(text, lang, root, bundle, shown = 10) {
  const [indexes, { groups }] = await Promise.all([pagefind(root, bundle), bundleSettings(bundle)]);
  const parsed = parse(text, lang, groups);
  let found = await every(indexes, parsed);
  let instead = {};
  if (!found.size && parsed.length) {
    ({ found, ...instead } = await rescue(indexes, text, parsed, lang, bundle, groups));
  }
  const ranked = [...found.values()].sort((a, b) => b.score - a.score);
  const data = await Promise.all(ranked.slice(0, shown).map((result) => result.data()));
  return {
    total: ranked.length,
    results: data.map((page) => ({ url: page.url, title: page.meta.title, excerpt: page.excerpt, date: page.meta.date })),
    ...instead,
  };
}
