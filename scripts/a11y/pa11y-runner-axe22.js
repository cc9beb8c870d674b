'use strict';
// A pa11y runner: axe-core with WCAG 2.2 AA rules as well as 2.0 and 2.1.
//
// pa11y's own axe runner (node_modules/pa11y/lib/runners/axe.js) asks axe for the
// tags wcag2a, wcag21a, wcag2aa, wcag21aa and best-practice only, so axe's WCAG 2.2
// rules (tag wcag22aa: target-size, 2.5.8 Target Size (Minimum)) never run. pa11y's
// `rules` option could switch target-size on for axe, but pa11y passes the same
// `rules` to the htmlcs runner, which throws "target-size is not a valid WCAG 2.1
// rule" (tests/test_a11y_browser.py shows this). So we give pa11y this runner in
// place of "axe": the same code as pa11y's runner (MIT licence, pa11y 9.1.1) with
// the wcag22a/wcag22aa tags added. One axe pass per page, in the same page load
// as htmlcs.
//
// pa11y turns `run` into a string and runs it inside the page: it must not use
// anything from this file's scope.

const path = require('path');

const axePath = path.dirname(require.resolve('axe-core'));

const run = async options => {
	const axe = (window || global).axe;

	const tags = standard => [
		'wcag2a', 'wcag21a', 'wcag22a',
		...(standard === 'WCAG2A' ? [] : ['wcag2aa', 'wcag21aa', 'wcag22aa']),
		'best-practice'
	];

	const rulesOption = (rules = [], ignore = []) => Object.assign(
		{},
		...axe.getRules()
			.map(({ruleId}) => ruleId.toLowerCase())
			.map(id => {
				if (rules.includes(id)) {
					return {[id]: {enabled: true}};
				}
				if (ignore.includes(id)) {
					return {[id]: {enabled: false}};
				}
				return null;
			})
			.filter(Boolean)
	);

	const impactToLevel = {critical: 'error', serious: 'error', moderate: 'warning', minor: 'notice'};
	const levelRank = {error: 3, warning: 2, notice: 1};

	const chooseLevel = (impact, needsReview, cap) => {
		let level = impactToLevel[impact] || 'error';
		if (needsReview && cap && levelRank[level] > levelRank[cap]) {
			level = cap;
		}
		return level;
	};

	const processIssue = ({nodes, id, description, help, helpUrl, impact, tags: ruleTags},
		needsReview, cap) => (nodes.length ? nodes : [{target: null}])
		.map(({target}) => target && target.join(' '))
		.map(selector => selector && window.document.querySelector(selector))
		.map(element => ({
			element,
			code: id,
			type: chooseLevel(impact, needsReview, cap),
			message: `${help} (${helpUrl})`,
			runnerExtras: {
				description,
				impact,
				needsFurtherReview: needsReview,
				help,
				helpUrl,
				tags: ruleTags
			}
		}));

	const {standard, rules, ignore, rootElement, levelCapWhenNeedsReview} = options;
	const {violations = [], incomplete = []} = await axe.run(rootElement || window.document, {
		rules: rulesOption(rules, ignore),
		runOnly: {type: 'tags', values: tags(standard)},
		// We read only violations and incomplete. Without this axe also builds the full
		// result (selector, HTML snippet, ancestry) of every passing and inapplicable
		// node; with it those lists keep one node each. The same rules run and the
		// violations/incomplete are the same (compared on 6 pages and on the benchmark
		// run); measured 5-10% less time in axe.run.
		resultTypes: ['violations', 'incomplete']
	});
	return [
		...violations.flatMap(issue => processIssue(issue, false, levelCapWhenNeedsReview)),
		...incomplete.flatMap(issue => processIssue(issue, true, levelCapWhenNeedsReview))
	];
};

module.exports = {
	run,
	scripts: [`${axePath}/axe.min.js`],
	supports: '^9.0.0 || ^9.0.0-alpha || ^9.0.0-beta'
};
