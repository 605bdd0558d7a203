/* Searching the site: Pagefind's index of the page's `<html lang>`, loaded from the site on the first
 * query, in small chunks. The reader's words become one or more Pagefind queries (words.js), whose
 * results are merged, each page with its best score. */

import { queries } from "./words.js";

let engine = null;

/** Pagefind, loaded once from the language's `bundle` (a URL) of the site at `root` (a URL). */
function pagefind(root, bundle) {
  engine ??= import(new URL("pagefind.js", bundle).href).then(async (loaded) => {
    await loaded.options({ baseUrl: root.pathname, excerptLength: 24 });
    await loaded.init();
    return loaded;
  });
  return engine;
}

/** A word as Pagefind compares it: lower case, without accents (й → и, ї → і) or punctuation. */
function fold(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}\u02bc]/gu, "");
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

/** The `shown` best results of `text` in language `lang` (its index at `bundle`), each `{url, title, excerpt, date}`,
 * and how many pages matched. */
export async function find(text, lang, root, bundle, shown = 10) {
  const loaded = await pagefind(root, bundle);
  const searches = await Promise.all(queries(text, lang).map(async (query) => matches(await loaded.search(query), query)));
  const best = new Map();
  for (const result of searches.flat()) {
    if ((best.get(result.id)?.score ?? -1) < result.score) {
      best.set(result.id, result);
    }
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score);
  const data = await Promise.all(ranked.slice(0, shown).map((result) => result.data()));
  return {
    total: ranked.length,
    results: data.map((page) => ({ url: page.url, title: page.meta.title, excerpt: page.excerpt, date: page.meta.date })),
  };
}
