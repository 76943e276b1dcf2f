// Loaded with --require into a benchmarked process: prints its peak resident set size when it exits, and
// the peak V8 heap in use (sampled each second), which tells live data from memory V8 has not given back.
let peakHeapUsed = 0;
const sample = () => {
  peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
};
setInterval(sample, 1000).unref();
process.on('exit', () => {
  sample();
  const fs = require('node:fs');
  fs.writeSync(2, `\nbench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
  fs.writeSync(2, `bench-max-heap-used-kb ${Math.round(peakHeapUsed / 1024)}\n`);
});
