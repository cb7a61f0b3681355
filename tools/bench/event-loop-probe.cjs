// Preloaded into the api by the export benchmark (`node --require …`): measures the event loop's
// delay with perf_hooks and the process's peak resident memory (worker threads included), and
// answers the parent over IPC ('loop:reset', 'loop:report').
const { monitorEventLoopDelay } = require('node:perf_hooks');

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
let peakRss = process.memoryUsage.rss();
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 100).unref();

if (process.send) {
  process.on('message', (message) => {
    if (message === 'loop:reset') {
      histogram.reset();
      peakRss = process.memoryUsage.rss();
      process.send({ type: 'loop:reset' });
    } else if (message === 'loop:report') {
      process.send({
        type: 'loop:report',
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
        mean: ms(histogram.mean),
        rssMb: Math.round(process.memoryUsage.rss() / 2 ** 20),
        peakRssMb: Math.round(peakRss / 2 ** 20),
      });
    }
  });
  // The IPC channel must not keep the api alive on its own.
  process.channel?.unref();
}
