// Loaded into pa11y-ci with `node --require` (see scripts/localoffer/a11y/runner.py).
//
// pa11y opens every page with puppeteer's `page.goto(url, {waitUntil: 'networkidle2'})`
// and has no option to change it. "networkidle2" waits until the page has made no more
// than two requests for 500 ms: on our static pages that is a fixed half second or more
// per page, doing nothing, which doubled the time of a full run.
//
// So we wait for the "load" event instead, and then until the page has stopped changing:
// no change to the document (elements, attributes or text) for QUIET_MS, but never more
// than MAX_QUIET_MS after load. Without that second wait, content that a page's script
// adds 100-300 ms after load was never tested (tests/test_a11y_probes.py plants such a
// page). A page that keeps changing is tested after MAX_QUIET_MS.
//
// The wait runs in the page; a page that hangs (a script that never ends) cannot answer,
// so the wait is also bounded here, in node. Everything else about the test, including
// the per-page time limit, is in scripts/a11y/page-guard.cjs.
'use strict';

const { CdpFrame } = require('puppeteer');

const QUIET_MS = Number(process.env.LOK_QUIET_MS || 300);
const MAX_QUIET_MS = Number(process.env.LOK_MAX_QUIET_MS || 2500);

// Runs in the page. Resolves when nothing in the document changed for `quiet` ms,
// or after `most` ms.
function waitUntilQuiet(quiet, most) {
  return new Promise(resolve => {
    let timer = null;
    let cap = null;
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, quiet);
    });
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(cap);
      resolve();
    }
    observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    timer = setTimeout(done, quiet);
    cap = setTimeout(done, most);
  });
}

async function settle(frame, quiet = QUIET_MS, most = MAX_QUIET_MS) {
  if (quiet <= 0) {
    return;
  }
  let bound;
  const limit = new Promise(resolve => {
    bound = setTimeout(resolve, most + 500);
  });
  try {
    await Promise.race([frame.evaluate(waitUntilQuiet, quiet, most), limit]);
  } finally {
    clearTimeout(bound);
  }
}

const originalGoto = CdpFrame.prototype.goto;
CdpFrame.prototype.goto = async function gotoOnLoad(url, options = {}) {
  if (options.waitUntil !== 'networkidle2') {
    return originalGoto.call(this, url, options);
  }
  const response = await originalGoto.call(this, url, {...options, waitUntil: 'load'});
  const page = this.page();
  if (page && page.lokLoaded) {
    page.lokLoaded(); // page-guard.cjs: from now on, a navigation is the page's own doing
  }
  await settle(this);
  return response;
};

module.exports = {settle, waitUntilQuiet, QUIET_MS, MAX_QUIET_MS};
