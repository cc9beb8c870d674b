// Loaded into pa11y-ci with `node --require` (see scripts/localoffer/a11y/runner.py).
//
// pa11y opens a new browser tab for every URL and closes it afterwards. In Chromium a
// new tab is a new renderer process: it starts Blink and V8 from cold, compiles
// axe-core (500 kB) and HTML_CodeSniffer again, and the browser process pays for the
// tab's creation and teardown. Measured with a puppeteer copy of pa11y's steps on 30
// pages of the generated 50 + 50 site (CPU of all Chromium processes and node):
//   new tab per page:   ~1.35 CPU s/page (new tab + close 0.19 s, injecting axe 0.17 s)
//   tab kept and reused: ~0.93 CPU s/page (injecting axe 0.075 s, axe itself faster too)
// The renderer process survives a same-site navigation, so it keeps its compiled code.
//
// pa11y itself supports this: given `options.page` (with `options.browser`) it uses
// that tab and leaves it open. pa11y-ci does not pass one, so we wrap the `pa11y`
// function pa11y-ci requires: each test takes a free tab (or opens one), and gives it
// back when pa11y finished without an error. With concurrency N there are at most N
// tabs. pa11y-ci, pa11y, the runners and their results are otherwise untouched.
//
// What a reused tab could carry from the last page, and why it does not matter:
// - the document, its scripts and pa11y's injected runners: every test navigates to a
//   new document (page.goto), so nothing of the last page's window is left;
// - sessionStorage (kept per tab and origin; a new tab starts empty): we clear it
//   before giving the tab back, so every page starts with empty sessionStorage as
//   before. localStorage, cookies and the HTTP cache were already shared by all tabs;
// - pa11y's console listener: pa11y removes it itself when a test ends;
// - a tab whose test failed (time-out, crash, a page that never loaded) is closed,
//   never reused, so a hung renderer cannot slow the next page.
'use strict';

const path = require('path');

// The same file pa11y-ci's own `require('pa11y')` resolves to.
const pa11yPath = require.resolve('pa11y', {
  paths: [path.dirname(require.resolve('pa11y-ci/package.json'))],
});
const pa11y = require(pa11yPath);

const freeTabs = new Map(); // browser -> tabs not in use

async function takeTab(browser) {
  const tabs = freeTabs.get(browser) || [];
  while (tabs.length) {
    const tab = tabs.pop();
    if (!tab.isClosed()) {
      return tab;
    }
  }
  return browser.newPage();
}

async function giveBack(browser, tab) {
  try {
    await tab.evaluate(() => window.sessionStorage.clear());
  } catch {
    await tab.close().catch(() => {});
    return;
  }
  if (!freeTabs.has(browser)) {
    freeTabs.set(browser, []);
  }
  freeTabs.get(browser).push(tab);
}

async function pa11yInReusedTab(url, options, callback) {
  // pa11y-ci calls pa11y(url, config) with the shared browser in config.browser and no
  // callback; anything else goes to pa11y unchanged.
  if (typeof url !== 'string' || !options || typeof options !== 'object' || callback ||
      !options.browser || options.page || options.useIncognitoBrowserContext) {
    return pa11y(url, options, callback);
  }
  const {browser} = options;
  const tab = await takeTab(browser);
  let results;
  try {
    results = await pa11y(url, {...options, page: tab});
  } catch (error) {
    await tab.close().catch(() => {});
    throw error;
  }
  await giveBack(browser, tab);
  return results;
}

Object.assign(pa11yInReusedTab, pa11y);
require.cache[pa11yPath].exports = pa11yInReusedTab;
