// Loaded with --require into a benchmarked process: prints its peak resident set size when it exits.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\nbench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
