/* Local Offer Kit search: progressive enhancement of partials/lok-search.html.
 *
 * Without this script the search form goes to the search page, a list of every page in
 * the reader's language. With it, Pagefind (pagefind/pagefind.js, its worker, WebAssembly
 * and only the index chunks a query needs) is loaded when the reader starts typing, and
 * the results appear under the form as a list of links. A status ("3 results") is
 * announced politely by screen readers. On the search page (?q=...), results appear above
 * the list of all pages.
 *
 * Each language has its own index: Pagefind picks it from <html lang>. A big site's index
 * is in parts (pagefind/lok-parts.json lists them): all the parts are searched together.
 * All strings come from the page (data-* attributes filled from the messages catalogue), so the interface is
 * in the page's language. Welsh: a mutated query word ("wasanaeth", "nghynllun", "fws")
 * is also searched in its radical form ("gwasanaeth", "cynllun", "bws"); the mutation
 * table comes from localoffer/welsh.py through data-mutations. A Welsh word is also searched
 * in its other number ("seibiannau" -> "seibiant", "blant" -> "plant" -> "plentyn"): the
 * list is data/search/welsh_plurals.yml, through data-plurals.
 *
 * The header shows the first 10 results and a link to all of them on the search page; the
 * search page shows 10 at a time, with a "Show more results" button. The number of results
 * is a whole message per plural category (data-results; Welsh has six), picked with
 * Intl.PluralRules. The search page says, without JavaScript, that it could not search.
 *
 * No inline scripts, no eval, no third-party requests. (Pagefind needs WebAssembly, so the
 * Content-Security-Policy must allow 'wasm-unsafe-eval' for script-src, and worker-src 'self'.)
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-lok-search]");
  if (!root || !("Promise" in window)) {
    return;
  }
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var status = root.querySelector("[role=status]");
  var list = root.querySelector(".lok-search__results");
  var pageResults = document.getElementById("lok-search-results");
  var data = root.dataset;
  function json(text, fallback) {
    try {
      return text ? JSON.parse(text) : fallback;
    } catch (error) {
      return fallback;
    }
  }
  var mutations = json(data.mutations, {});
  var plurals = json(data.plurals, {});
  var counts = json(data.results, null);
  var allLink = root.querySelector(".lok-search__all");
  var PAGE_SIZE = 10;
  var MAX_VARIANTS = 8;
  var ranked = [];
  var shown = 0;
  var moreButton = null;
  var nojs = document.querySelectorAll("[data-lok-nojs]");
  Array.prototype.forEach.call(nojs, function (element) { element.hidden = true; });
  var pagefind = null;
  var loading = null;
  var latest = 0;
  var timer = null;

  function say(text) {
    status.textContent = text;
  }

  function countText(count) {
    if (counts) {
      var category = "other";
      if (count === 0 && counts.zero) {
        category = "zero";
      } else if (window.Intl && Intl.PluralRules) {
        category = new Intl.PluralRules(data.lang || document.documentElement.lang).select(count);
      }
      return (counts[category] || counts.other).replace("{count}", String(count));
    }
    if (count === 0) {
      return data.resultsNone;
    }
    return (count === 1 ? data.resultsOne : data.resultsMany).replace("{count}", String(count));
  }

  function load() {
    if (!loading) {
      var url = new URL(data.pagefind, document.baseURI).href;
      var siteRoot = new URL(data.siteRoot || "./", document.baseURI).pathname;
      var parts = findParts(url);
      loading = import(url).then(function (module) {
        pagefind = module;
        return Promise.resolve(module.options({ baseUrl: siteRoot, excerptLength: 24 })).then(function () {
          return module.init ? module.init() : null;
        }).then(function () {
          return parts;
        }).then(function (folders) {
          /* A big site's index is in parts (search.py, PART_PAGES): search them all. */
          return Promise.all(folders.map(function (folder) {
            /* Pagefind stops every search if one part fails to load, so a part is added
             * only when its entry file is there: a missing part leaves the others working. */
            var part = new URL(folder, url);
            return window.fetch(new URL("pagefind-entry.json", part).href, { cache: "no-cache" })
              .then(function (response) {
                return response.ok ? module.mergeIndex(part.pathname, { baseUrl: siteRoot }) : null;
              })
              .catch(function () { return null; });
          }));
        });
      });
    }
    return loading;
  }

  /* The folders of the index's other parts, from lok-parts.json beside pagefind.js
   * (["part-2/", ...]; none on most sites). Anything else in the file is left alone. */
  function findParts(url) {
    if (!window.fetch) {
      return Promise.resolve([]);
    }
    /* "no-cache": asks the server each time, so a rebuilt site's new parts are found */
    return window.fetch(new URL("lok-parts.json", url).href, { cache: "no-cache" }).then(function (response) {
      return response.ok ? response.json() : {};
    }).then(function (found) {
      var parts = found && Array.isArray(found.parts) ? found.parts : [];
      return parts.filter(function (folder) {
        return typeof folder === "string" && /^part-[0-9]+\/$/.test(folder);
      });
    }, function () {
      return [];
    });
  }

  /* The radical forms of a mutated Welsh word (longest mutated beginning first). */
  function radicals(word) {
    var found = [];
    var keys = Object.keys(mutations).sort(function (a, b) { return b.length - a.length; });
    for (var i = 0; i < keys.length; i += 1) {
      var key = keys[i];
      if (key && word.length > key.length + 1 && word.indexOf(key) === 0) {
        mutations[key].forEach(function (radical) {
          found.push(radical + word.slice(key.length));
        });
        break;
      }
    }
    if (mutations[""] && /^[aeiouwyâêîôûŵŷlr]/.test(word) && word.length > 2) {
      found.push(mutations[""][0] + word); /* soft mutation dropped a g: waith -> gwaith */
    }
    if (/^h[aeiouwyâêîôûŵŷ]/.test(word) && word.length > 3) {
      found.push(word.slice(1)); /* h before a vowel: ei henw -> enw */
    }
    return found;
  }

  /* A word's other forms: unmutated, and each of those in its other number. */
  function forms(word) {
    var found = [];
    [word].concat(radicals(word)).forEach(function (form) {
      if (form !== word && found.indexOf(form) < 0) {
        found.push(form);
      }
      (plurals[form] || []).forEach(function (other) {
        if (other !== word && found.indexOf(other) < 0) {
          found.push(other);
        }
      });
    });
    return found;
  }

  /* The query as typed, then with mutated words in their radical forms and with each word
     in its other number. */
  function variants(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var result = [words.join(" ")];
    if (data.lang !== "cy") {
      return result;
    }
    for (var i = 0; i < words.length && result.length < MAX_VARIANTS; i += 1) {
      var forms_ = forms(words[i]);
      for (var j = 0; j < forms_.length && result.length < MAX_VARIANTS; j += 1) {
        var copy = words.slice();
        copy[i] = forms_[j];
        result.push(copy.join(" "));
      }
    }
    return result;
  }

  function plain(html) {
    var doc = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    return doc.body.textContent || "";
  }

  function render(target, items, keep) {
    if (!keep) {
      target.textContent = "";
    }
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = (item.meta && item.meta.title) || item.url;
      li.appendChild(a);
      var excerpt = plain(item.excerpt);
      if (excerpt) {
        var span = document.createElement("span");
        span.className = "lok-search__excerpt";
        span.textContent = excerpt;
        li.appendChild(span);
      }
      target.appendChild(li);
    });
  }

  function details(from, to) {
    return Promise.all(ranked.slice(from, to).map(function (r) { return r.data(); }));
  }

  /* The search page: the next PAGE_SIZE results under the ones shown, focus on the first
     new one (so a keyboard or screen reader user goes on reading from there). */
  function more() {
    var ul = pageResults.querySelector("ul");
    var from = shown;
    return details(from, from + PAGE_SIZE).then(function (items) {
      render(ul, items, true);
      shown = from + items.length;
      moreButton.hidden = shown >= ranked.length;
      var first = ul.children[from] && ul.children[from].querySelector("a");
      if (first) {
        first.focus();
      }
    });
  }

  function show(items, query) {
    if (pageResults) {
      pageResults.textContent = "";
      var heading = document.createElement("h2");
      heading.textContent = data.resultsHeading;
      var ul = document.createElement("ul");
      render(ul, items);
      pageResults.appendChild(heading);
      pageResults.appendChild(ul);
      moreButton = document.createElement("button");
      moreButton.type = "button";
      moreButton.className = "lok-search__more";
      moreButton.textContent = data.more || "";
      moreButton.hidden = shown >= ranked.length;
      moreButton.addEventListener("click", more);
      pageResults.appendChild(moreButton);
      pageResults.hidden = false;
    } else {
      render(list, items);
      list.hidden = items.length === 0;
      if (allLink) {
        var url = new URL(allLink.getAttribute("href"), document.baseURI);
        url.searchParams.set("q", query);
        allLink.href = url.href;
        allLink.hidden = ranked.length <= items.length;
      }
    }
  }

  function search(query) {
    var ticket = (latest += 1);
    query = query.trim();
    if (!query) {
      say("");
      list.hidden = true;
      list.textContent = "";
      if (allLink) {
        allLink.hidden = true;
      }
      return Promise.resolve();
    }
    say(data.searching);
    return load()
      .then(function () {
        return Promise.all(variants(query).map(function (q) { return pagefind.search(q); }));
      })
      .then(function (answers) {
        var best = {};
        answers.forEach(function (answer) {
          ((answer && answer.results) || []).forEach(function (result) {
            if (!best[result.id] || best[result.id].score < result.score) {
              best[result.id] = result;
            }
          });
        });
        var found = Object.keys(best).map(function (id) { return best[id]; });
        found.sort(function (a, b) { return b.score - a.score; });
        return Promise.all(found.slice(0, PAGE_SIZE).map(function (r) { return r.data(); }))
          .then(function (items) { return { total: found.length, items: items, all: found }; });
      })
      .then(function (found) {
        if (ticket !== latest) {
          return;
        }
        ranked = found.all;
        shown = found.items.length;
        show(found.items, query);
        say(countText(found.total));
      })
      .catch(function () {
        if (ticket === latest) {
          say(data.error);
        }
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { search(input.value); }, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      input.value = "";
      search("");
    }
  });
  form.addEventListener("submit", function (event) {
    if (pageResults) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url.href);
      window.clearTimeout(timer);
      search(input.value);
    }
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (pageResults && initial) {
    input.value = initial;
    search(initial);
  }

  /* for tests and the benchmark */
  window.lokSearch = { search: search, variants: variants, radicals: radicals, forms: forms };
}());
