// Count live markup in built pages, as Chromium sees them.
//
//   node tests/security/live_markup.cjs BASE_URL page1.html page2.html ... > counts.json
//
// LOK_ALLOWED_HASHES (JSON list of "'sha256-...'") names the theme's own inline scripts.
// For each page (BASE_URL + path) it reports, over the whole document (content, title,
// menus, everything): event-handler attributes ("on..."), script elements that are not the
// site's own (an inline script inside the page content, or a src outside the site's
// assets/javascripts/ and pagefind/ folders), and javascript:/vbscript:/data: addresses
// in href, src, action, formaction, xlink:href, values, to, from, data, poster or
// background (read as the browser's URL parser reads them), elements that load or frame
// other content (iframe, frame, object, embed, form, base, meta refresh; the theme's own
// search form outside the page content is not counted), and dialogs
// (alert, prompt, confirm) opened while the page loaded. Prints JSON
// {page: {handlers, scripts, urls, frames, dialogs, examples: [...]}}.
"use strict";

const path = require("path");
const puppeteer = require(path.join(process.cwd(), "node_modules", "puppeteer"));

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

async function inPage() {
  const URL_ATTRS = ["href", "src", "action", "formaction", "xlink:href", "values", "to", "from",
                     "data", "poster", "background", "srcdoc"];
  const BAD = /^(javascript|vbscript|data|livescript|mocha):/;
  const found = { handlers: 0, scripts: 0, urls: 0, frames: 0, examples: [] };
  const note = (kind, el, extra) => {
    if (found.examples.length < 20) {
      found.examples.push(`${kind}: <${el.tagName.toLowerCase()}> ${extra || ""}`.slice(0, 160));
    }
  };
  // the theme's own search form (overrides/partials/lok-search.html): outside the page
  // content, with its class and an action on this site; any other form counts
  const ourSearchForm = (el) => el.tagName.toLowerCase() === "form" && el.classList.contains("lok-search__form")
    && el.closest(".md-content") === null && new URL(el.action, location.href).origin === location.origin;
  const scheme = (value) => value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "")
    .replace(/[\t\n\r]/g, "").toLowerCase();
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) { found.handlers++; note("handler", el, name); }
      if (URL_ATTRS.includes(name) && BAD.test(scheme(attr.value))) {
        // Material's own bundle is not in the page; any such address here is not ours
        found.urls++; note("url", el, `${name}=${attr.value}`);
      }
      if (name === "attributename" && /href$/i.test(attr.value)) { found.urls++; note("url", el, "animated href"); }
    }
    const tag = el.tagName.toLowerCase();
    if (["iframe", "frame", "object", "embed", "form", "base", "portal"].includes(tag) && !ourSearchForm(el)) {
      found.frames++; note("frame", el);
    }
    if (tag === "meta" && /refresh/i.test(el.getAttribute("http-equiv") || "")) { found.frames++; note("frame", el, "refresh"); }
  }
  // inline scripts are ours only when their SHA-256 is one the caller names (the theme's)
  const allowed = new Set(JSON.parse(window.__lokAllowedHashes || "[]"));
  for (const script of document.querySelectorAll("script")) {
    const type = (script.getAttribute("type") || "").toLowerCase();
    if (type === "application/json" || type === "application/ld+json") continue;
    const inContent = script.closest(".md-content") !== null;
    let ours = false;
    if (script.src) {
      const url = new URL(script.src, location.href);
      ours = url.origin === location.origin && /\/(assets\/javascripts|pagefind)\//.test(url.pathname);
    } else {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(script.textContent));
      const b64 = btoa(String.fromCharCode(...new Uint8Array(digest)));
      ours = allowed.has(`'sha256-${b64}'`);
    }
    if (!ours || inContent) { found.scripts++; note("script", script, script.src || script.text.slice(0, 60)); }
  }
  return found;
}

async function main() {
  const [base, ...pages] = process.argv.slice(2);
  const allowedHashes = process.env.LOK_ALLOWED_HASHES || "[]";
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
  const results = {};
  try {
    for (const page of pages) {
      const tab = await browser.newPage();
      let dialogs = 0;
      tab.on("dialog", async (dialog) => { dialogs++; try { await dialog.dismiss(); } catch (e) { /* gone */ } });
      // nothing outside the test server: a payload's request to another host fails fast
      await tab.setRequestInterception(true);
      tab.on("request", (req) => (req.url().startsWith(base) || req.url().startsWith("data:")
        ? req.continue() : req.abort()));
      try {
        await tab.goto(base + page, { waitUntil: "load", timeout: 15000 });
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tab.evaluate((hashes) => { window.__lokAllowedHashes = hashes; }, allowedHashes);
        const found = await tab.evaluate(inPage);
        found.dialogs = dialogs;
        results[page] = found;
      } catch (error) {
        results[page] = { error: String(error), dialogs };
      }
      await tab.close().catch(() => {});
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results, null, 1) + "\n");
}

main().catch((error) => { console.error(error); process.exit(1); });
