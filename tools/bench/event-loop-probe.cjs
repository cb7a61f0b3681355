// Preloaded into the api by the export benchmark (`node --require …`): measures the event loop's
// delay with perf_hooks and answers the parent over IPC ('loop:reset', 'loop:report').
const { monitorEventLoopDelay } = require('node:perf_hooks');

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;

if (process.send) {
  process.on('message', (message) => {
    if (message === 'loop:reset') {
      histogram.reset();
      process.send({ type: 'loop:reset' });
    } else if (message === 'loop:report') {
      process.send({
        type: 'loop:report',
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
        mean: ms(histogram.mean),
      });
    }
  });
  // The IPC channel must not keep the api alive on its own.
  process.channel?.unref();
}
