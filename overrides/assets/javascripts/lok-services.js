/* Local Offer Kit: filter the services directory in the browser.
   Optional: without JavaScript the linked filter pages do the same job.
   Reads its labels from data-lok-services (JSON) on the list; no inline scripts. */
(function () {
  "use strict";
  var list = document.querySelector("[data-lok-services]");
  if (!list || !window.JSON || !list.querySelectorAll) { return; }
  var strings;
  try { strings = JSON.parse(list.getAttribute("data-lok-services")); } catch (e) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll(".lok-service"));
  // A group of controls, not a <form>: the list filters as soon as a control changes
  // (it changes no page, so WCAG 3.2.2 is met) and there is nothing to submit.
  var form = document.createElement("div");
  form.className = "lok-filter";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", strings.label);
  var status = document.createElement("p");
  status.className = "lok-filter__status";
  status.setAttribute("role", "status");
  var controls = {};

  function select(kind) {
    var options = (strings.options || {})[kind] || [];
    if (!options.length) { return; }
    var id = "lok-filter-" + kind;
    var wrap = document.createElement("div");
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = strings[kind];
    var box = document.createElement("select");
    box.id = id;
    box.appendChild(new Option(strings.any, ""));
    options.forEach(function (o) { box.appendChild(new Option(o.label, o.value)); });
    box.addEventListener("change", apply);
    wrap.appendChild(label);
    wrap.appendChild(box);
    form.appendChild(wrap);
    controls[kind] = box;
  }

  function matches(item) {
    var age = controls.age && controls.age.value;
    if (age) {
      var band = age.split("-");
      var lo = parseInt(band[1], 10), hi = parseInt(band[2], 10);
      if (parseInt(item.getAttribute("data-min-age"), 10) > hi ||
          parseInt(item.getAttribute("data-max-age"), 10) < lo) { return false; }
    }
    var need = controls.need && controls.need.value;
    if (need && (" " + item.getAttribute("data-needs") + " ").indexOf(" " + need.replace(/^need-/, "") + " ") < 0) {
      return false;
    }
    var area = controls.area && controls.area.value;
    /* a service for the whole council ("All of Glanafon") is there for every area */
    if (area && item.getAttribute("data-area") !== area.replace(/^area-/, "") &&
        item.getAttribute("data-area-all") !== "true") { return false; }
    if (controls.free && controls.free.checked && item.getAttribute("data-free") !== "true") { return false; }
    return true;
  }

  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item);
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    /* one whole message per number (made by the build in the page's language) */
    status.textContent = Array.isArray(strings.shown) ? (strings.shown[shown] || "") :
      String(strings.shown).replace("{count}", String(shown));
  }

  select("age");
  select("need");
  select("area");
  var freeWrap = document.createElement("div");
  freeWrap.className = "lok-filter__check";
  var free = document.createElement("input");
  free.type = "checkbox";
  free.id = "lok-filter-free";
  free.addEventListener("change", apply);
  var freeLabel = document.createElement("label");
  freeLabel.setAttribute("for", "lok-filter-free");
  freeLabel.textContent = strings.free;
  freeWrap.appendChild(free);
  freeWrap.appendChild(freeLabel);
  form.appendChild(freeWrap);
  controls.free = free;
  form.appendChild(status);
  list.parentNode.insertBefore(form, list);
})();
