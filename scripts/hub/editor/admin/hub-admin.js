/* The hub's additions to Decap CMS (scripts/hub/editor/admin/hub-admin.js, copied into /admin/ by the build):
   - the preview styled with the site's own stylesheets (listed by the build in this script's data-styles);
   - what the content model asks beyond one field, checked before every save (hub check says the same):
     a post or project in both languages unless `only_language` names the one it is written in, and a cover with
     its description in each language it is written in; no topic given twice;
   - empty optional fields left out of the files, as the hand-written ones leave them out;
   - the relation widget kept from marking a saved entry as changed (see HubRelation). */
(function () {
  "use strict";
  var script = document.currentScript;
  var styles = (script && script.dataset.styles || "").split(" ").filter(Boolean);
  var lang = document.documentElement.lang === "en" ? "en" : "uk";
  var words = {
    uk: {
      missing: "Не збережено: {what}.",
      slug: "немає адреси (латиницею): напишіть її, наприклад lviv-strategy-training",
      english: "немає англійського тексту (заголовка, короткого опису або тексту). Перекладіть новину або, щоб опублікувати її однією мовою, виберіть «Лише однією мовою»",
      englishProject: "немає англійського тексту (заголовка, короткого опису або тексту): перекладіть опис проєкту",
      alt: "до обкладинки немає опису ({lang}): опишіть, що на фото, для людей, які його не бачать",
      languages: { uk: "українською", en: "англійською" },
      twice: "тему {slug} додано двічі: залиште одну"
    },
    en: {
      missing: "Not saved: {what}.",
      slug: "the address (Latin letters) is missing: write one, like lviv-strategy-training",
      english: "the English text (title, summary or text) is missing. Translate the post or, to publish it in one language, choose “Only in one language”",
      englishProject: "the English text (title, summary or text) is missing: translate the project's page",
      alt: "the cover has no description ({lang}): describe what the photo shows, for people who cannot see it",
      languages: { uk: "in Ukrainian", en: "in English" },
      twice: "the topic {slug} is there twice: keep one"
    }
  }[lang];

  styles.forEach(function (href) { CMS.registerPreviewStyle(href); });

  // Decap's own Ukrainian lacks 43 of its English phrases (the review step's tooltips, «Unpublished Entries», the
  // Markdown switch, Expand/Collapse, which screen readers read out…) and shows those in English: they are added to
  // it here, before Decap starts, and what it has is kept.
  var ukrainian = CMS.getLocale && CMS.getLocale("uk");
  if (ukrainian) {
    CMS.registerLocale("uk", completed(ukrainian, {
      auth: { loginWithForgejo: "Увійти через Forgejo" },
      collection: {
        collectionTop: { viewAsList: "Показати списком", viewAsGrid: "Показати сіткою" },
        entries: { unpublishedHeader: "Неопубліковані записи" },
        groups: { other: "Інше", negateLabel: "Не %{label}" },
        defaultFields: { author: { label: "Автор" }, updatedOn: { label: "Оновлено" } }
      },
      editor: {
        editorControl: { field: { widgetLabel: "поле «%{widgetLabel}»" } },
        editor: { onUnpublishing: "Справді зняти цей запис із публікації?" },
        editorInterface: { toggleNotes: "Показати чи сховати нотатки" },
        editorNotesPane: {
          title: "Нотатки", emptyState: "Нотаток ще немає. Додайте першу нижче, щоб почати спільну роботу.",
          addNote: "Додати нотатку", addPlaceholder: "Додайте нотатку…", editPlaceholder: "Змініть нотатку…",
          save: "Зберегти", cancel: "Скасувати", edit: "Змінити", delete: "Видалити", resolve: "Позначити вирішеною",
          unresolve: "Позначити невирішеною", confirmDelete: "Справді видалити цю нотатку?",
          shortcut: "Порада: Ctrl+Enter швидко додає нотатку"
        },
        editorToolbar: {
          statusInfoTooltipDraft: "Запис має стан «В роботі». Щоб завершити його й надіслати на розгляд, змініть стан на «На розгляді»",
          statusInfoTooltipInReview: "Запис розглядають, більше нічого робити не треба. Поки триває розгляд, його ще можна змінювати."
        },
        editorWidgets: {
          markdown: { strikethrough: "Закреслений", toggleMode: { rich: "Перейти до візуального редактора", markdown: "Перейти до Markdown" } },
          datetime: { setToNow: "Поставити в «%{fieldLabel}» поточний час" },
          object: { expand: "Розгорнути", collapse: "Згорнути" }
        }
      },
      mediaLibrary: { mediaLibraryModal: { close: "Закрити" } },
      ui: {
        settingsDropdown: { account: "Меню облікового запису" },
        toast: {
          noteAdded: "Нотатку додано", onFailToAddNote: "Не вдалося додати нотатку: %{details}",
          noteUpdated: "Нотатку змінено", onFailToUpdateNote: "Не вдалося змінити нотатку: %{details}",
          noteDeleted: "Нотатку видалено", onFailToDeleteNote: "Не вдалося видалити нотатку: %{details}",
          noteResolved: "Нотатку позначено вирішеною", noteReopened: "Нотатку знову відкрито",
          onFailToToggleNote: "Не вдалося змінити стан нотатки: %{details}"
        }
      }
    }));
  }

  // `phrases` with what `more` adds where it has nothing, at any depth; what it has stays
  function completed(phrases, more) {
    var result = Object.assign({}, phrases);
    Object.keys(more).forEach(function (key) {
      var own = phrases[key], added = more[key];
      if (own && typeof own === "object" && typeof added === "object") result[key] = completed(own, added);
      else if (own === undefined) result[key] = added;
    });
    return result;
  }

  // Decap mounts a field kept in the default language's file (topics, projects, partners) in the other language's
  // pane too, hidden; its relation widget then writes the values it loaded into that language's draft, which marks
  // every saved post with a topic or partner as changed ("Unsaved changes", decap-cms#7142) and keeps its status
  // from being changed. The hidden copy loads nothing.
  var relation = CMS.getWidget("relation");
  if (relation) {
    class HubRelation extends relation.control {
      componentDidMount() {
        if (this.props.isFieldHidden && this.props.isFieldHidden(this.props.field)) return undefined;
        return super.componentDidMount();
      }
    }
    CMS.registerWidget("relation", HubRelation, relation.preview, relation.schema);
  }

  function blank(value) {
    if (value === undefined || value === null) return true;
    if (typeof value === "string") return value.trim() === "";
    if (value.size !== undefined && typeof value.get === "function") return value.size === 0;  // an Immutable List or Map
    return false;
  }

  // Leaves out what a writer left empty ('' from a cleared date, an empty list or an event without a date).
  function pruned(map) {
    return map.filter(function (value) {
      if (value && typeof value.filter === "function" && typeof value.keySeq === "function") return !blank(pruned(value));
      return !blank(value);
    }).map(function (value) {
      return value && typeof value.keySeq === "function" ? pruned(value) : value;
    });
  }

  function refuse(what) { throw new Error(words.missing.replace("{what}", what)); }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var collection = entry.get("collection");
      var data = entry.get("data");
      if (collection === "tags") {
        var seen = {};
        (data.get("topics") || []).forEach(function (topic) {
          var slug = topic.get("slug");
          if (seen[slug]) refuse(words.twice.replace("{slug}", slug));
          seen[slug] = true;
        });
        return data;
      }
      if (collection !== "news" && collection !== "projects" && collection !== "partners") return data;
      // the address: written for a new entry; an entry written before the editor keeps its folder's (or file's) name
      if (blank(data.get("slug"))) {
        if (entry.get("newRecord")) refuse(words.slug);
        var parts = String(entry.get("path") || "").split("/");
        var name = collection === "partners" ? parts[parts.length - 1].replace(/\.ya?ml$/, "") : parts[parts.length - 2];
        data = data.set("slug", name);
      }
      if (collection === "partners") return pruned(data);
      var only = data.get("only_language");
      var texts = { uk: data, en: entry.getIn(["i18n", "en", "data"]) };
      var written = only ? [only] : ["uk", "en"];
      if (!only) {
        var english = texts.en;
        if (!english || blank(english.get("title")) || blank(english.get("summary")) || blank(english.get("body"))) {
          refuse(collection === "projects" ? words.englishProject : words.english);  // a project is always in both
        }
      }
      if (collection === "news" && !blank(data.get("cover"))) {
        written.forEach(function (code) {
          var text = texts[code];
          if (!text || blank(text.get("cover_alt"))) refuse(words.alt.replace("{lang}", words.languages[code]));
        });
      }
      return pruned(data);
    }
  });

  // A post's preview as the site shows it: its title, summary, cover and text in the site's stylesheets.
  var h = window.h;
  CMS.registerPreviewTemplate("news", function (props) {
    var entry = props.entry;
    var cover = entry.getIn(["data", "cover"]);
    var picture = cover ? props.getAsset(cover) : null;
    return h("div", { className: "md-main__inner md-grid" },
      h("article", { className: "md-content__inner md-typeset" },
        h("h1", {}, entry.getIn(["data", "title"])),
        h("p", { className: "hub-summary" }, entry.getIn(["data", "summary"])),
        picture ? h("img", { src: String(picture), alt: entry.getIn(["data", "cover_alt"]) || "" }) : null,
        props.widgetFor("body")));
  });
})();
