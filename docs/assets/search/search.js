/* The search box of partials/search.html: Pagefind's index of the page's language, loaded from this
 * site on the first query, in small chunks. Typing searches; ↓ and ↑ move through the results,
 * Enter opens the first one, Escape closes the box, "/" opens it from anywhere on the page. Under
 * the count, the status says what was searched instead of a query that found nothing (engine.js):
 * the corrected query, or the words left out, with the correction to click. */

import { find } from "./engine.js";

const DELAY_MS = 150;
const config = JSON.parse(document.getElementById("hub-search-config").textContent);
const root = new URL(config.base.replace(/\/?$/, "/"), location.href);
const bundle = new URL(config.bundle, root);

function element(name, className, text) {
  const made = document.createElement(name);
  made.className = className ?? "";
  if (text) {
    made.textContent = text;
  }
  return made;
}

/** Pagefind's excerpt as text, with only its <mark> elements kept. */
function excerpt(html) {
  const parsed = document.createElement("template");
  parsed.innerHTML = html;
  const paragraph = element("p");
  for (const node of parsed.content.childNodes) {
    paragraph.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : node.textContent);
  }
  return paragraph;
}

function card(result) {
  const article = element("article", "md-search-result__article md-typeset");
  article.append(element("p", "hub-search__title", result.title));
  if (result.date) {
    article.append(element("p", "hub-search__date", result.date));
  }
  article.append(excerpt(result.excerpt));
  const link = element("a", "md-search-result__link");
  link.href = result.url;
  link.append(article);
  const item = element("li", "md-search-result__item");
  item.append(link);
  return item;
}

/** The interface text `key`, its `{name}` placeholders filled with the nodes of `values`. */
function sentence(key, values) {
  return config.strings[key].split(/(\{\w+\})/).map((part) => values[part.slice(1, -1)] ?? part);
}

function count(n) {
  const forms = config.results;
  return (forms[new Intl.PluralRules(config.lang).select(n)] ?? forms.other).replace("{n}", n);
}

function setUp() {
  const form = document.getElementById("hub-search");
  const input = form.elements.query;
  const status = document.getElementById("hub-search-status");
  const list = document.getElementById("hub-search-results");
  const toggle = document.getElementById("__search");
  let timer = 0;
  let asked = 0;

  async function search() {
    const text = input.value.trim();
    const number = ++asked;
    if (!text) {
      list.replaceChildren();
      status.textContent = config.strings.hint;
      return;
    }
    status.textContent = config.strings.searching;
    try {
      const found = await find(text, config.lang, root, bundle);
      if (number === asked) {  // a later query has not overtaken this one
        list.replaceChildren(...found.results.map(card));
        status.replaceChildren(found.total ? count(found.total) : config.strings.none, ...instead(found));
      }
    } catch (error) {
      status.textContent = config.strings.failed;
      throw error;
    }
  }

  /** What was searched instead of a query that found nothing, as lines of the status. */
  function instead(found) {
    const lines = [];
    if (found.corrected) {
      lines.push(sentence("corrected", { query: element("strong", "", found.corrected) }));
    }
    if (found.leftOut?.length) {
      const words = found.leftOut.flatMap((word, i) => [i ? ", " : "", element("strong", "", word)]);
      lines.push(sentence("left_out", { words }));
    }
    if (found.suggestion) {
      const button = element("button", "hub-search__suggestion", found.suggestion);
      button.type = "button";
      button.addEventListener("click", () => {
        input.value = found.suggestion;
        input.focus();
        search();
      });
      lines.push(sentence("suggestion", { query: button }));
    }
    return lines.map((line) => {
      const shown = element("span", "hub-search__instead");
      shown.append(...line.flat());
      return shown;
    });
  }

  function open(opened) {
    toggle.checked = opened;
    if (opened) {
      input.focus();
    }
  }

  function move(step) {
    const stops = [input, ...list.querySelectorAll("a")];
    const next = stops.indexOf(document.activeElement) + step;
    stops[Math.max(0, Math.min(stops.length - 1, next))].focus();
  }

  input.addEventListener("focus", () => { toggle.checked = true; });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, DELAY_MS);
  });
  toggle.addEventListener("change", () => open(toggle.checked));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector("a")?.click();
  });
  form.addEventListener("reset", () => {
    list.replaceChildren();
    status.textContent = config.strings.hint;
    input.focus();
  });
  form.parentElement.addEventListener("keydown", (event) => {
    const keys = { ArrowDown: () => move(1), ArrowUp: () => move(-1), Escape: () => { open(false); input.blur(); } };
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]();
    }
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open(true);
    }
  });
}

setUp();
