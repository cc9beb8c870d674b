console.error("crash-test: pa11y-ci cannot start");
process.exit(3);
