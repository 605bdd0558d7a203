/* The search box of partials/search.html: Pagefind's index of the page's language, loaded from this
 * site on the first query, in small chunks. Typing searches; ↓ and ↑ move through the results,
 * Enter opens the first one, Escape closes the box, "/" opens it from anywhere on the page. */

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
        status.textContent = found.total ? count(found.total) : config.strings.none;
      }
    } catch (error) {
      status.textContent = config.strings.failed;
      throw error;
    }
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
