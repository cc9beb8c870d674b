'use strict';
// A pa11y-ci reporter that prints one line per finished page to stderr:
//   LOK-PROGRESS <done> <total> <url>
// localoffer reads these lines to show "pages done / total". Results themselves
// come from pa11y-ci's json reporter, never from here.

module.exports = function progressReporter() {
	let total = 0;
	let done = 0;
	const line = url => {
		done += 1;
		process.stderr.write(`LOK-PROGRESS ${done} ${total} ${url}\n`);
	};
	return {
		beforeAll(urls) {
			total = urls.length;
		},
		results(results) {
			line(results.pageUrl);
		},
		error(error, url) {
			line(url);
		}
	};
};
