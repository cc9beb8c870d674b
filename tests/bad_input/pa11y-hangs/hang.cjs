// Hang for ever without using the processor, as a stuck pa11y-ci would.
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
