/* Local Offer Kit: the menu button and the language links, for keyboard users.
 *
 * Material's menu button (at phone and tablet width) is a <label for="__drawer">: it opens
 * the menu with a mouse or a finger, but it cannot take keyboard focus. This script makes it
 * a button: it takes focus (tabindex 0, role button, a name from data-label on this script's
 * tag), opens and closes the menu with Enter or Space, says whether the menu is open
 * (aria-expanded), moves focus into the menu when it opens, and closes it with Escape.
 * It marks <html> with "lok-menu-js": localoffer.css then hides the closed menu
 * (visibility: hidden), so its links are not in the Tab order while it is off screen.
 * Without this script, the menu slides open when one of its links has focus (localoffer.css).
 *
 * The language links ("Cymraeg" / "English") keep what the reader was doing: the search
 * words (?q=) and the place on the page. A heading's address differs between languages
 * ("#if-a-child-is-in-danger", "#os-yw-plentyn-mewn-perygl"), so the link remembers which
 * heading it was (its place among the page's headings, in sessionStorage) and the page in
 * the other language goes to its own heading in the same place. Without this script the
 * links still go to the same page in the other language.
 *
 * No inline scripts, no strings of its own: the name comes from the messages catalogue.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var label = (script && script.getAttribute("data-label")) || "";

  function menu() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector('label.md-header__button[for="__drawer"]');
    if (!toggle || !button) {
      return;
    }
    document.documentElement.classList.add("lok-menu-js");
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    if (label) {
      button.setAttribute("aria-label", label);
    }
    button.setAttribute("aria-controls", "__drawer");
    function sync() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }
    function set(open) {
      if (toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
      }
      sync();
    }
    function firstLink() {
      return document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex='0']");
    }
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
        /* Material's own keyboard handler clicks a focused label on Enter: it would toggle
           the menu a second time */
        event.preventDefault();
        event.stopPropagation();
        set(!toggle.checked);
        if (toggle.checked) {
          /* the menu is visible once its style has changed: then move focus into it */
          window.requestAnimationFrame(function () {
            var link = firstLink();
            if (link) {
              link.focus();
            }
          });
        }
      }
    });
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function () {
      window.setTimeout(sync, 0);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        set(false);
        button.focus();
      }
    });
    sync();
  }

  var JUMP = "lok-language-jump";

  function headings() {
    return Array.prototype.slice.call(document.querySelectorAll(
      ".md-content h1[id], .md-content h2[id], .md-content h3[id], .md-content h4[id]"));
  }

  /* Where the reader was: the heading the address names, or the last one above the top of
     the window. -1 for the top of the page. */
  function place(hash) {
    var list = headings();
    var id = hash ? decodeURIComponent(hash.slice(1)) : "";
    for (var i = 0; i < list.length; i += 1) {
      if (id && list[i].id === id) {
        return i;
      }
    }
    if (id) {
      return -1;
    }
    var found = -1;
    list.forEach(function (heading, index) {
      if (heading.getBoundingClientRect().top <= 1) {
        found = index;
      }
    });
    return found;
  }

  /* On the page in the other language: go to the heading in the same place. */
  function arrive() {
    var saved = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(JUMP) || "null");
      window.sessionStorage.removeItem(JUMP);
    } catch (error) {
      return;
    }
    if (!saved || saved.path !== window.location.pathname || saved.index < 0) {
      return;
    }
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id && document.getElementById(id)) {
      return;
    }
    var heading = headings()[saved.index];
    if (heading) {
      var url = new URL(window.location.href);
      url.hash = heading.id;
      window.history.replaceState(null, "", url.href);
      heading.scrollIntoView();
    }
  }

  function languageLinks() {
    var links = document.querySelectorAll("a.lok-lang__link");
    Array.prototype.forEach.call(links, function (link) {
      link.addEventListener("click", function () {
        var here = new URL(window.location.href);
        var there = new URL(link.getAttribute("href"), window.location.href);
        var input = document.getElementById("lok-search-input");
        var words = here.searchParams.get("q") || (input && input.value.trim()) || "";
        if (words) {
          there.searchParams.set("q", words);
        }
        var index = place(here.hash);
        try {
          window.sessionStorage.setItem(JUMP, JSON.stringify({ path: there.pathname, index: index }));
        } catch (error) {
          /* storage off: the link still goes to the page */
        }
        link.setAttribute("href", there.href);
      });
    });
  }

  menu();
  languageLinks();
  arrive();
}());
