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
 * words (?q=) and the place on the page (#section). Without this script they still go to
 * the same page in the other language.
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
        if (here.hash && !there.hash) {
          there.hash = here.hash;
        }
        link.setAttribute("href", there.href);
      });
    });
  }

  menu();
  languageLinks();
}());
