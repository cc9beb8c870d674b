// Browser checks that axe and HTML_CodeSniffer do not make, run by scripts/a11y/page-guard.cjs
// in the same tab, right after pa11y has tested the page (same page load, same report):
//
// - reflow (WCAG 1.4.10): at 320 CSS px wide the page must not scroll sideways
//   (document scrollWidth > clientWidth). We name the widest element that sticks out.
// - target size at phone width (WCAG 2.5.8): axe's own `target-size` rule, which pa11y's
//   axe pass already runs at desktop width (1280 px), run again at 320 px, where headers,
//   menus and filter boxes are laid out differently. axe knows the rule's exceptions
//   (links in running text, enough space around a small target), so we do not write our own.
// - keyboard (WCAG 2.1.1, 2.4.7, 2.4.11), on the pages Python picks (one page per kind of
//   page and language): real Tab key presses at 375 px and 1280 px. Every element that
//   takes focus must be on screen, not transparent or hidden, not covered by other content,
//   and must look different when focused (its computed outline, box shadow, border,
//   background, colour or underline, or those of its ::before/::after, its parent or first
//   child, before and after focus). At 375 px the menu button must take focus.
//
// Each finding is a pa11y-style issue with runner "lok", a code "lok-..." and the WCAG
// tags in runnerExtras, so that Python maps it like any axe issue. The English message is
// only for pa11y-ci's own report: Python writes the message in English or Welsh from
// runnerExtras (scripts/localoffer/data/messages_a11y.yml).
'use strict';

const PHONE = 375;
const NARROW = 320;
const DESKTOP = 1280;
const MAX_TABS = Number(process.env.LOK_MAX_TABS || 150);

// Everything below `pageProbe` runs inside the page: it must not use anything from this
// file's scope. One function, so that every probe shares the same helpers.
/* eslint-disable no-undef */
async function pageProbe(what, arg) {
  const KEY = '__lokKeyboardWalk';
  const FOCUSABLE = 'a[href], area[href], button, input, select, textarea, summary, iframe, ' +
    '[tabindex], [contenteditable=""], [contenteditable="true"], label[for]';
  const MENU_WORDS = /(^|[^a-z])(menu|nav|navigation|drawer|hamburger|dewislen|llywio)([^a-z]|$)/i;

  function selectorOf(el) {
    const parts = [];
    while (el && el.nodeType === 1 && el !== document.documentElement) {
      if (el.id && /^[A-Za-z][\w-]*$/.test(el.id)) {
        parts.unshift('#' + el.id);
        break;
      }
      let part = el.localName;
      const parent = el.parentElement;
      if (parent) {
        const same = Array.from(parent.children).filter(c => c.localName === el.localName);
        if (same.length > 1) {
          part += ':nth-of-type(' + (same.indexOf(el) + 1) + ')';
        }
      }
      parts.unshift(part);
      el = parent;
    }
    return parts.join(' > ');
  }

  function contextOf(el) {
    const html = el.outerHTML || '';
    const open = html.slice(0, html.indexOf('>') + 1);
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 80);
    const close = '</' + el.localName + '>';
    return (open.length > 250 ? open.slice(0, 250) + '...' : open) + text + (html.endsWith(close) ? close : '');
  }

  function finishAnimations() {
    for (const animation of document.getAnimations()) {
      try {
        animation.finish();
      } catch {
        // an endless animation cannot finish; leave it
      }
    }
  }

  function styleKey(el) {
    if (!el || el.nodeType !== 1) {
      return '';
    }
    const parts = [];
    const read = (element, pseudo) => {
      const s = getComputedStyle(element, pseudo);
      const outline = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ?
        'none' : [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset].join(' ');
      parts.push(outline, s.boxShadow, s.borderTopColor, s.borderTopWidth, s.borderRightColor,
        s.borderBottomColor, s.borderBottomWidth, s.borderLeftColor, s.backgroundColor, s.color,
        s.textDecorationLine, s.textDecorationThickness, s.opacity, s.content);
    };
    read(el, null);
    read(el, '::before');
    read(el, '::after');
    if (el.parentElement) {
      read(el.parentElement, null);
    }
    if (el.firstElementChild) {
      read(el.firstElementChild, null);
    }
    return parts.join('|');
  }

  function inViewport(r) {
    return r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  }

  function visibleProblem(el) {
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') {
      return 'hidden';
    }
    let rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) {
      // an inline link wrapping a block may have an empty box of its own
      const child = Array.from(el.getClientRects()).find(r => r.width > 1 && r.height > 1);
      if (!child) {
        return 'hidden';
      }
      rect = child;
    }
    let opacity = 1;
    for (let a = el; a && a.nodeType === 1; a = a.parentElement) {
      const s = getComputedStyle(a);
      opacity *= parseFloat(s.opacity);
      if (a !== el && s.overflowX !== 'visible' && s.overflowY !== 'visible' &&
          a !== document.body && a !== document.documentElement) {
        const box = a.getBoundingClientRect();
        if (rect.right <= box.left || rect.left >= box.right || rect.bottom <= box.top ||
            rect.top >= box.bottom) {
          return 'hidden'; // cut off by a container that clips its content
        }
      }
    }
    if (opacity < 0.1) {
      return 'transparent';
    }
    if (!inViewport(rect)) {
      return 'offscreen';
    }
    const inset = 2;
    const points = [
      [(rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2],
      [rect.left + inset, rect.top + inset], [rect.right - inset, rect.top + inset],
      [rect.left + inset, rect.bottom - inset], [rect.right - inset, rect.bottom - inset],
    ].filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
    const shown = points.some(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit && (el.contains(hit) || hit.contains(el) || (el.control && el.control === hit));
    });
    if (points.length && !shown) {
      const [x, y] = points[0];
      const cover = document.elementFromPoint(x, y);
      visibleProblem.coveredBy = cover ? selectorOf(cover) : '';
      return 'obscured';
    }
    return null;
  }

  function nameOf(el) {
    const label = el.getAttribute('aria-label') || el.getAttribute('title') || '';
    const labelled = (el.getAttribute('aria-labelledby') || '').split(/\s+/)
      .map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent).join(' ');
    const svgTitle = Array.from(el.querySelectorAll('title')).map(t => t.textContent).join(' ');
    return [label, labelled, svgTitle, el.textContent || ''].join(' ').replace(/\s+/g, ' ').trim();
  }

  if (what === 'settle') {
    await Promise.race([
      new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      new Promise(resolve => setTimeout(resolve, 100)),
    ]);
    if (arg && arg.least) {
      // at least this long: a page's own reaction to a scroll can come a few frames later
      await new Promise(resolve => setTimeout(resolve, arg.least));
    }
    if (arg && arg.quiet) {
      // Wait until the page's scripts stop changing it (Material sizes its sidebars from
      // scripts when the window changes size or scrolls): `quiet` ms without a change.
      await new Promise(resolve => {
        let timer = null;
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, arg.quiet);
        });
        const cap = setTimeout(done, arg.most || 1000);
        function done() {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(cap);
          resolve();
        }
        observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
        timer = setTimeout(done, arg.quiet);
      });
    }
    finishAnimations();
    return null;
  }

  if (what === 'reflow') {
    const root = document.documentElement;
    const width = root.clientWidth;
    const scrollWidth = Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0);
    if (scrollWidth <= width + 1) {
      return null;
    }
    let widest = null;
    let widestRect = null;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 1 || (r.width === 0 && r.height === 0)) {
        continue;
      }
      const s = getComputedStyle(el);
      if (s.position === 'fixed' || s.visibility === 'hidden') {
        continue;
      }
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') {
          clipped = true;
          break;
        }
      }
      if (!clipped && (!widestRect || r.width > widestRect.width)) {
        widest = el;
        widestRect = r;
      }
    }
    return {
      width, scrollWidth,
      selector: widest ? selectorOf(widest) : 'html',
      context: widest ? contextOf(widest) : '',
      elementWidth: widestRect ? Math.round(widestRect.width) : scrollWidth,
    };
  }

  if (what === 'targets') {
    if (!window.axe || typeof window.axe.run !== 'function') {
      return [];
    }
    const already = new Set();
    for (const selector of arg || []) {
      try {
        const el = document.querySelector(selector);
        if (el) {
          already.add(el);
        }
      } catch {
        // a selector pa11y made that this document cannot parse: nothing to skip
      }
    }
    const result = await window.axe.run(document, {
      runOnly: {type: 'rule', values: ['target-size']},
      resultTypes: ['violations'],
    });
    const found = [];
    for (const violation of result.violations) {
      for (const node of violation.nodes) {
        const target = node.target && node.target[0];
        let el = null;
        try {
          el = typeof target === 'string' ? document.querySelector(target) : null;
        } catch {
          el = null;
        }
        if (!el || already.has(el)) {
          continue;
        }
        const r = el.getBoundingClientRect();
        found.push({selector: selectorOf(el), context: contextOf(el),
          size: Math.round(r.width) + 'x' + Math.round(r.height)});
      }
    }
    return found;
  }

  if (what === 'walk-start') {
    // Nothing focused while the styles without focus are read (the last walk ends on
    // its first element again).
    if (document.activeElement && document.activeElement !== document.body) {
      document.activeElement.blur();
    }
    finishAnimations();
    const styles = new WeakMap();
    for (const el of document.querySelectorAll(FOCUSABLE)) {
      styles.set(el, styleKey(el));
    }
    window[KEY] = {styles, seen: [], first: null};
    // Start the walk from the top of the page: focus the body for a moment.
    const body = document.body;
    const had = body.getAttribute('tabindex');
    body.setAttribute('tabindex', '-1');
    body.focus();
    window[KEY].restoreBody = had;
    window.scrollTo(0, 0);
    return null;
  }

  if (what === 'walk-step') {
    const state = window[KEY];
    const el = document.activeElement;
    const again = Boolean(arg && arg.again); // the same element, looked at once more
    if (!state || !el || el === document.body || el === document.documentElement ||
        (el === state.first && !again)) {
      return {done: true};
    }
    visibleProblem.coveredBy = '';
    if (!again) {
      if (!state.first) {
        state.first = el;
      }
      state.seen.push(el);
    }
    finishAnimations();
    let problem = visibleProblem(el);
    if (!problem && state.styles.has(el) && state.styles.get(el) === styleKey(el)) {
      problem = 'no-indicator';
    }
    return {done: false, problem, selector: selectorOf(el), context: contextOf(el),
      coveredBy: visibleProblem.coveredBy, scrollY: Math.round(scrollY),
      rect: (r => [r.left, r.top, r.width, r.height].map(Math.round))(el.getBoundingClientRect())};
  }

  if (what === 'walk-end') {
    const state = window[KEY] || {seen: []};
    const body = document.body;
    if (state.restoreBody === null) {
      body.removeAttribute('tabindex');
    } else if (state.restoreBody !== undefined) {
      body.setAttribute('tabindex', state.restoreBody);
    }
    let menu = null;
    if (arg && arg.menu) {
      // A menu button: a visible control near the top of the page (or in the banner)
      // whose name, title, id, class or target speaks of a menu or navigation.
      const candidates = Array.from(document.querySelectorAll(
        'button, [role="button"], a[href^="#"], label[for], summary, [aria-controls], [aria-expanded]'));
      for (const el of candidates) {
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1 || !inViewport(r) || getComputedStyle(el).visibility !== 'visible') {
          continue;
        }
        const inBanner = el.closest('header, [role="banner"]') || r.top < 120;
        const words = [nameOf(el), el.id, el.className && el.className.baseVal === undefined ? el.className : '',
          el.getAttribute('for') || '', el.getAttribute('aria-controls') || ''].join(' ');
        if (!inBanner || !MENU_WORDS.test(words)) {
          continue;
        }
        const partners = [el];
        if (el.localName === 'label' && el.control) {
          partners.push(el.control);
        }
        const reached = state.seen.some(seen => partners.some(p => p === seen || p.contains(seen)));
        menu = {found: true, reached, selector: selectorOf(el), context: contextOf(el)};
        if (reached) {
          break;
        }
      }
    }
    const count = state.seen.length;
    delete window[KEY];
    return {count, menu};
  }
  throw new Error('unknown probe ' + what);
}
/* eslint-enable no-undef */

function issue(code, tags, message, selector, context, extras) {
  return {
    code,
    type: 'error',
    typeCode: 1,
    message,
    context,
    selector,
    runner: 'lok',
    runnerExtras: {tags, ...extras},
  };
}

const SETTLE = {quiet: 100, most: 1000};
// Before a second look at a focus problem: the page's scripts get time to answer the scroll.
const RELOOK = {least: 250, quiet: 100, most: 1500};

async function setWidth(tab, width, settle = null) {
  await tab.setViewport({width, height: width === DESKTOP ? 1024 : 640, deviceScaleFactor: 1});
  await tab.evaluate(pageProbe, 'settle', settle);
}

const PROBLEM_TAGS = {
  offscreen: ['wcag247'],
  hidden: ['wcag247'],
  transparent: ['wcag247'],
  'no-indicator': ['wcag247'],
  obscured: ['wcag2411'],
};

async function keyboardWalk(tab, width) {
  await setWidth(tab, width, SETTLE);
  await tab.evaluate(pageProbe, 'walk-start');
  const groups = new Map();
  for (let press = 0; press < MAX_TABS; press += 1) {
    // Focus moves on key down. The key up and the look at the focused element go out
    // together: the browser handles them in order, and we wait for both once.
    await tab.keyboard.down('Tab');
    const up = tab.keyboard.up('Tab');
    let step = await tab.evaluate(pageProbe, 'walk-step');
    await up;
    if (step.done) {
      break;
    }
    if (step.problem) {
      // The page's own scripts may still be reacting to the scroll that focus caused
      // (Material sizes its sticky sidebars on scroll, a frame or more later; on a busy
      // machine the sidebar's old height briefly covers the footer): look again once the
      // page has stopped changing (bounded, as after a change of width).
      await tab.evaluate(pageProbe, 'settle', RELOOK);
      step = await tab.evaluate(pageProbe, 'walk-step', {again: true});
    }
    if (process.env.LOK_DEBUG_WALK) {
      process.stderr.write(`walk ${width} ${JSON.stringify(step)}\n`);
    }
    if (step.problem) {
      const group = groups.get(step.problem) || {count: 0, first: step, examples: []};
      group.count += 1;
      if (group.examples.length < 3) {
        group.examples.push(step.selector);
      }
      groups.set(step.problem, group);
    }
  }
  const end = await tab.evaluate(pageProbe, 'walk-end', {menu: width !== DESKTOP});
  const issues = [];
  for (const [problem, group] of groups) {
    issues.push(issue(
      `lok-focus-${problem}`, PROBLEM_TAGS[problem],
      `At ${width} CSS px wide, ${group.count} Tab presses land on elements that are ${problem}` +
      ` (first: ${group.first.selector}).`,
      group.first.selector, group.first.context,
      {width, count: group.count, examples: group.examples, problem,
        ...(group.first.coveredBy ? {coveredBy: group.first.coveredBy} : {})}));
  }
  if (end.menu && !end.menu.reached) {
    issues.push(issue(
      'lok-menu-not-focusable', ['wcag211'],
      `At ${width} CSS px wide, the Tab key never reaches the menu button ${end.menu.selector}.`,
      end.menu.selector, end.menu.context, {width, presses: end.count}));
  }
  return issues;
}

// All the checks asked for, in this order: 320 px (reflow, target size), then the Tab
// walks. `desktopTargets`: selectors axe already reported for target-size at desktop width.
async function familyChecks(tab, checks, desktopTargets = []) {
  const issues = [];
  if (checks.reflow || checks.targets) {
    await setWidth(tab, NARROW);
    if (checks.reflow) {
      const reflow = await tab.evaluate(pageProbe, 'reflow');
      if (reflow) {
        issues.push(issue(
          'lok-reflow', ['wcag1410'],
          `At ${reflow.width} CSS px wide the page scrolls sideways: it is ${reflow.scrollWidth} px` +
          ` wide. The widest part that sticks out is ${reflow.selector} (${reflow.elementWidth} px).`,
          reflow.selector, reflow.context,
          {width: reflow.width, scrollWidth: reflow.scrollWidth, elementWidth: reflow.elementWidth}));
      }
    }
    if (checks.targets) {
      for (const target of await tab.evaluate(pageProbe, 'targets', desktopTargets)) {
        issues.push(issue(
          'lok-target-size', ['wcag258'],
          `At ${NARROW} CSS px wide, ${target.selector} is ${target.size} px, with too little space around it.`,
          target.selector, target.context, {width: NARROW, size: target.size}));
      }
    }
  }
  if (checks.keyboard) {
    for (const width of [PHONE, DESKTOP]) {
      issues.push(...await keyboardWalk(tab, width));
    }
  }
  return issues;
}

module.exports = {familyChecks, pageProbe, PHONE, NARROW, DESKTOP};
