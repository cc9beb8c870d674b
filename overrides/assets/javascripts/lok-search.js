/* Local Offer Kit search: progressive enhancement of partials/lok-search.html.
 *
 * Without this script the search form goes to the search page, a list of every page in
 * the reader's language. With it, Pagefind (pagefind/pagefind.js, its worker, WebAssembly
 * and only the index chunks a query needs) is loaded when the reader starts typing, and
 * the results appear under the form as a list of links. A status ("3 results") is
 * announced politely by screen readers. On the search page (?q=...), results appear above
 * the list of all pages.
 *
 * Each language has its own index: Pagefind picks it from <html lang>. All strings come
 * from the page (data-* attributes filled from the messages catalogue), so the interface is
 * in the page's language. Welsh: a mutated query word ("wasanaeth", "nghynllun", "fws")
 * is also searched in its radical form ("gwasanaeth", "cynllun", "bws"); the mutation
 * table comes from localoffer/welsh.py through data-mutations.
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
  var mutations = {};
  try {
    mutations = data.mutations ? JSON.parse(data.mutations) : {};
  } catch (error) {
    mutations = {};
  }
  var MAX_RESULTS = 10;
  var MAX_VARIANTS = 4;
  var pagefind = null;
  var loading = null;
  var latest = 0;
  var timer = null;

  function say(text) {
    status.textContent = text;
  }

  function countText(count) {
    if (count === 0) {
      return data.resultsNone;
    }
    return (count === 1 ? data.resultsOne : data.resultsMany).replace("{count}", String(count));
  }

  function load() {
    if (!loading) {
      var url = new URL(data.pagefind, document.baseURI).href;
      var siteRoot = new URL(data.siteRoot || "./", document.baseURI).pathname;
      loading = import(url).then(function (module) {
        pagefind = module;
        return Promise.resolve(module.options({ baseUrl: siteRoot, excerptLength: 24 })).then(function () {
          return module.init ? module.init() : null;
        });
      });
    }
    return loading;
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

  /* The query as typed, then with mutated words in their radical forms. */
  function variants(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var result = [words.join(" ")];
    if (data.lang !== "cy") {
      return result;
    }
    for (var i = 0; i < words.length && result.length < MAX_VARIANTS; i += 1) {
      var forms = radicals(words[i]);
      for (var j = 0; j < forms.length && result.length < MAX_VARIANTS; j += 1) {
        var copy = words.slice();
        copy[i] = forms[j];
        result.push(copy.join(" "));
      }
    }
    return result;
  }

  function plain(html) {
    var doc = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    return doc.body.textContent || "";
  }

  function render(target, items) {
    target.textContent = "";
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

  function show(items) {
    if (pageResults) {
      pageResults.textContent = "";
      var heading = document.createElement("h2");
      heading.textContent = data.resultsHeading;
      var ul = document.createElement("ul");
      render(ul, items);
      pageResults.appendChild(heading);
      pageResults.appendChild(ul);
      pageResults.hidden = false;
    } else {
      render(list, items);
      list.hidden = items.length === 0;
    }
  }

  function search(query) {
    var ticket = (latest += 1);
    query = query.trim();
    if (!query) {
      say("");
      list.hidden = true;
      list.textContent = "";
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
        var ranked = Object.keys(best).map(function (id) { return best[id]; });
        ranked.sort(function (a, b) { return b.score - a.score; });
        return Promise.all(ranked.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
          .then(function (items) { return { total: ranked.length, items: items }; });
      })
      .then(function (found) {
        if (ticket !== latest) {
          return;
        }
        show(found.items);
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
  window.lokSearch = { search: search, variants: variants, radicals: radicals };
}());
