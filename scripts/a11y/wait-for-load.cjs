// Loaded into pa11y-ci with `node --require` (see scripts/localoffer/a11y/runner.py).
//
// pa11y opens every page with puppeteer's `page.goto(url, {waitUntil: 'networkidle2'})`
// and has no option to change it. "networkidle2" waits until the page has made no more
// than two requests for 500 ms: on our static pages that is a fixed half second or more
// per page, doing nothing, which doubled the time of a full run.
//
// Our pages are static HTML. Every script is in the page and has run by the time the
// browser fires the "load" event, so we wait for "load" instead. Nothing else changes:
// pa11y-ci, pa11y, its runners and their results are untouched.
'use strict';

const { CdpFrame } = require("puppeteer");

const originalGoto = CdpFrame.prototype.goto;
CdpFrame.prototype.goto = function gotoOnLoad(url, options = {}) {
  const waitUntil = options.waitUntil === 'networkidle2' ? 'load' : options.waitUntil;
  return originalGoto.call(this, url, { ...options, waitUntil });
};
