// Loaded into pa11y-ci with `node --require` (see scripts/localoffer/a11y/runner.py).
//
// pa11y-ci calls `pa11y(url, config)` for every URL. We wrap that function so that no page
// can fool or stall the run, and so that our own browser checks run in the same tab:
//
// 1. A time limit for each page (LOK_PAGE_TIME_LIMIT_MS). pa11y's own `timeout` only
//    bounds the page load: a page that opens a dialog or runs a script that never ends
//    after load used to stall the whole run until the run's time limit, with no report.
//    Now that page fails on its own ("LOK-NOT-TESTED time-limit") and the run goes on.
// 2. Dialogs (alert, confirm, prompt) are dismissed at once and the page fails
//    ("LOK-NOT-TESTED dialog"): a dialog blocks the page, and a family meets it too.
// 3. A page that goes to another address by itself after it loaded (location.replace,
//    a meta refresh, a form sent by script) fails ("LOK-NOT-TESTED navigated-away"): the
//    results would belong to another page.
// 4. Tabs are kept and reused (see "Why reuse tabs" below), but a reused tab can carry
//    nothing from one page to the next: before a tab is given back its `window.name`,
//    sessionStorage, timers and animation frames are cleared; every new document in it
//    starts with an empty `window.name`, as in a new tab; a tab whose page failed, went
//    away by itself or navigated while it was waiting is closed, never reused; and when
//    a navigation that is not ours reaches a tab before our page has arrived, the page
//    is tested again once in a new tab, so one page cannot break the next page's test.
// 5. After pa11y's runners, scripts/a11y/browser-checks.cjs checks reflow and target
//    size at 320 px and, on the pages Python chose (`lokChecks.keyboard` in the URL's
//    config), walks the page with the Tab key. Its issues join pa11y's in the result.
//
// pa11y-ci, pa11y, the runners and their results are otherwise untouched. The time from
// "load" to testing (the page must stop changing first) is in scripts/a11y/wait-for-load.cjs.
//
// Why reuse tabs: in Chromium a new tab is a new renderer process that starts Blink and V8
// from cold and compiles axe-core (500 kB) and HTML_CodeSniffer again. Measured with a
// puppeteer copy of pa11y's steps on 30 pages of the generated 50 + 50 site: a new tab per
// page ~1.35 CPU s/page, a kept tab ~0.93. pa11y supports it: given `options.page` (with
// `options.browser`) it uses that tab and leaves it open.
'use strict';

const path = require('path');
const {familyChecks} = require('./browser-checks.cjs');

// The same file pa11y-ci's own `require('pa11y')` resolves to.
const pa11yPath = require.resolve('pa11y', {
  paths: [path.dirname(require.resolve('pa11y-ci/package.json'))],
});
const pa11y = require(pa11yPath);

const PAGE_LIMIT_MS = Number(process.env.LOK_PAGE_TIME_LIMIT_MS || 20000);
const REUSE_TABS = process.env.LOK_REUSE_TABS !== '0';
const DEFAULT_CHECKS = new Set((process.env.LOK_CHECKS || '').split(',').filter(Boolean));
const CLOSE_LIMIT_MS = 3000;

class NotTested extends Error {
  constructor(code, detail) {
    super(`LOK-NOT-TESTED ${code}: ${detail}`);
    this.lokCode = code;
  }
}

function withLimit(promise, ms, onLimit) {
  let timer;
  const limit = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(onLimit()), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function sameDocument(a, b) {
  return String(a).split('#')[0] === String(b).split('#')[0];
}

async function closeTab(tab) {
  if (!tab || tab.isClosed()) {
    return;
  }
  // A tab whose page hangs may not answer: do not wait for it for ever.
  await withLimit(tab.close(), CLOSE_LIMIT_MS, () => new Error('close')).catch(() => {});
}

async function openTab(browser) {
  const tab = await browser.newPage();
  const state = {test: null, dirty: false};
  tab.lokState = state;
  tab.lokLoaded = () => {
    if (state.test) {
      state.test.loaded = true;
    }
  };
  tab.on('dialog', dialog => {
    const text = `${dialog.type()}: ${dialog.message().slice(0, 120)}`;
    if (state.test && state.test.committed) {
      state.test.dialogs.push(text);
    } else if (state.test) {
      state.test.foreign = state.test.foreign || text; // the last page's, before ours arrived
    } else {
      state.dirty = true;
    }
    const answer = dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss();
    answer.catch(() => {});
  });
  // Only real navigations count (not a change of #fragment or history.pushState), so we
  // listen to the browser's own events rather than puppeteer's "framenavigated".
  const cdp = await tab.createCDPSession();
  await cdp.send('Page.enable');
  let mainFrameId = null;
  // A script asked the main frame to go somewhere else: known before the new page arrives.
  cdp.on('Page.frameRequestedNavigation', ({frameId, url}) => {
    const test = state.test;
    if (frameId === mainFrameId && test && test.committed && !test.away) {
      test.away = url;
    }
  });
  cdp.on('Page.frameNavigated', ({frame}) => {
    if (frame.parentId) {
      return;
    }
    mainFrameId = frame.id;
    const test = state.test;
    if (!test) {
      state.dirty = true; // a page left behind navigated while the tab was waiting
    } else if (!test.committed && sameDocument(frame.url, test.url)) {
      test.committed = true;
    } else if (!test.committed) {
      // Not our page, before ours arrived: the page left in this tab navigated late.
      test.foreign = test.foreign || frame.url;
    } else if (!test.away) {
      test.away = frame.url;
    }
  });
  // Every new document in this tab starts with an empty window.name, as in a new tab.
  await tab.evaluateOnNewDocument(() => {
    if (window === window.top) {
      window.name = '';
    }
  });
  // Focus styles (:focus, :focus-visible) only apply in a focused page; with several tabs
  // only one would be. The keyboard checks need them.
  await tab.emulateFocusedPage(true);
  return tab;
}

const freeTabs = new Map(); // browser -> tabs not in use

async function takeTab(browser) {
  const tabs = freeTabs.get(browser) || [];
  while (tabs.length) {
    const tab = tabs.pop();
    if (tab.isClosed()) {
      continue;
    }
    if (tab.lokState.dirty) {
      await closeTab(tab);
      continue;
    }
    return tab;
  }
  return openTab(browser);
}

// Runs in the page: leave nothing behind for the next page.
function resetPage() {
  window.name = '';
  try {
    window.sessionStorage.clear();
  } catch {
    // storage may be blocked; nothing to clear then
  }
  const lastTimer = window.setTimeout(() => {}, 0);
  for (let id = 0; id <= lastTimer; id += 1) {
    window.clearTimeout(id);
    window.clearInterval(id);
  }
  const lastFrame = window.requestAnimationFrame(() => {});
  for (let id = 0; id <= lastFrame; id += 1) {
    window.cancelAnimationFrame(id);
  }
  window.onbeforeunload = null;
  window.onunload = null;
  window.onpagehide = null;
}

async function giveBack(browser, tab) {
  tab.lokState.test = null;
  if (!REUSE_TABS || tab.lokState.dirty) {
    await closeTab(tab);
    return;
  }
  try {
    await withLimit(tab.evaluate(resetPage), CLOSE_LIMIT_MS, () => new Error('reset'));
  } catch {
    await closeTab(tab);
    return;
  }
  if (tab.lokState.dirty) {
    await closeTab(tab);
    return;
  }
  if (!freeTabs.has(browser)) {
    freeTabs.set(browser, []);
  }
  freeTabs.get(browser).push(tab);
}

function checksFor(options) {
  const wanted = {...Object.fromEntries([...DEFAULT_CHECKS].map(name => [name, true])),
    ...(options.lokChecks || {})};
  return wanted;
}

// One try of one page in one tab. Resolves with pa11y's results, or throws.
async function testInTab(url, options, tab) {
  const test = {url, committed: false, loaded: false, foreign: null, away: null, dialogs: []};
  tab.lokState.test = test;
  const {lokChecks, ...pa11yOptions} = options;
  const checks = checksFor(options);
  const limit = Math.max(1000, Number(options.lokPageTimeLimit) || PAGE_LIMIT_MS);
  const explain = () => {
    if (test.dialogs.length) {
      return new NotTested('dialog', test.dialogs[0]);
    }
    if (test.away) {
      return new NotTested('navigated-away', test.away);
    }
    if (test.foreign) {
      return new NotTested('interrupted', test.foreign);
    }
    return null;
  };
  const run = async () => {
    const results = await pa11y(url, {...pa11yOptions, page: tab, timeout: Math.min(
      Number(pa11yOptions.timeout) || limit, limit)});
    const problem = explain();
    if (problem) {
      throw problem;
    }
    if (checks.reflow || checks.targets || checks.keyboard) {
      const desktopTargets = results.issues
        .filter(item => item.code === 'target-size' && item.selector)
        .map(item => item.selector);
      results.issues.push(...await familyChecks(tab, checks, desktopTargets));
    }
    const late = explain();
    if (late) {
      throw late;
    }
    results.pageUrl = url; // pa11y-ci files results under this address: the one we asked for
    return results;
  };
  try {
    return await withLimit(run(), limit, () => explain() ||
      new NotTested('time-limit', `${(limit / 1000).toFixed(0)} s`));
  } catch (error) {
    if (error instanceof NotTested) {
      throw error;
    }
    // "Execution context was destroyed" and the like: the browser's word that the page
    // went away may come a moment after the error.
    await new Promise(resolve => setTimeout(resolve, 250));
    throw explain() || error;
  }
}

async function guardedPa11y(url, options, callback) {
  // pa11y-ci calls pa11y(url, config) with the shared browser in config.browser and no
  // callback; anything else goes to pa11y unchanged.
  if (typeof url !== 'string' || !options || typeof options !== 'object' || callback ||
      !options.browser || options.page || options.useIncognitoBrowserContext) {
    return pa11y(url, options, callback);
  }
  const {browser} = options;
  let tab = await takeTab(browser);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const results = await testInTab(url, options, tab);
      await giveBack(browser, tab);
      return results;
    } catch (error) {
      tab.lokState.test = null;
      await closeTab(tab);
      // A navigation that was not ours got there before our page did: the tab, not the
      // page, is at fault. Test the page once more, in a new tab.
      if (error instanceof NotTested && error.lokCode === 'interrupted' && attempt === 1) {
        tab = await openTab(browser);
        continue;
      }
      if (error instanceof NotTested && error.lokCode === 'interrupted') {
        // Again, in a new tab that no other page has used: it was this page's own doing
        // (a redirect before or during its load).
        throw new NotTested('navigated-away', error.message.replace(/^LOK-NOT-TESTED [a-z-]+: /, ''));
      }
      throw error;
    }
  }
}

Object.assign(guardedPa11y, pa11y);
require.cache[pa11yPath].exports = guardedPa11y;

module.exports = {NotTested, resetPage};
