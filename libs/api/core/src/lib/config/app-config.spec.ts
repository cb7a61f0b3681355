import { ConfigValidationError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('gives a newcomer the embedded defaults with nothing set', () => {
    const config = loadAppConfig({}, '/srv/orca');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBeNull();
    expect(config.dataDir).toBe('/srv/orca/.data');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    expect(config.exportThreads).toBeNull();
    expect(config.exportWorkerFile).toBeNull();
    expect(config.exportMemoryMb).toBe(1024);
    expect(config.foragingThreads).toBeNull();
    expect(config.foragingWorkerFile).toBeNull();
    expect(config).toMatchObject({
      foragingQueue: 8,
      foragingTimeoutMs: 90_000,
      foragingMemoryMb: 512,
    });
  });

  it('serves no metrics without a token and drains within 20 s by default', () => {
    expect(loadAppConfig({})).toMatchObject({
      metricsToken: null,
      shutdownGraceMs: 20_000,
    });
    expect(
      loadAppConfig({
        METRICS_TOKEN: ' 0123456789abcdef0123 ',
        SHUTDOWN_GRACE_MS: '10000',
      }),
    ).toMatchObject({
      metricsToken: '0123456789abcdef0123',
      shutdownGraceMs: 10_000,
    });
  });

  it('limits each live connection to 20 events a second unless SOCKET_RATE_LIMIT says otherwise', () => {
    expect(loadAppConfig({}).socketRateLimit).toBe(20);
    expect(loadAppConfig({ SOCKET_RATE_LIMIT: '200' }).socketRateLimit).toBe(
      200,
    );
    expect(() => loadAppConfig({ SOCKET_RATE_LIMIT: '0' })).toThrow(
      'Invalid configuration: SOCKET_RATE_LIMIT must be a whole number from 1 to 100000 (got "0")',
    );
  });

  it('takes the foraging pool: threads, queue, time and worker file', () => {
    const config = loadAppConfig(
      {
        FORAGING_THREADS: '2',
        FORAGING_QUEUE: '0',
        FORAGING_TIMEOUT_MS: '5000',
        FORAGING_WORKER_FILE: 'dist/foraging-worker.js',
      },
      '/srv/orca',
    );
    expect(config).toMatchObject({
      foragingThreads: 2,
      foragingQueue: 0,
      foragingTimeoutMs: 5000,
      foragingWorkerFile: '/srv/orca/dist/foraging-worker.js',
    });
    expect(() => loadAppConfig({ FORAGING_TIMEOUT_MS: '10' })).toThrow(
      'Invalid configuration: FORAGING_TIMEOUT_MS must be a whole number from 100 to 3600000 (got "10")',
    );
  });

  it('takes the export threads and worker file, the file against the working folder', () => {
    const config = loadAppConfig(
      { EXPORT_THREADS: '3', EXPORT_WORKER_FILE: 'dist/export-worker.js' },
      '/srv/orca',
    );
    expect(config.exportThreads).toBe(3);
    expect(config.exportWorkerFile).toBe('/srv/orca/dist/export-worker.js');
  });

  it('switches to real services when their URLs are set', () => {
    const config = loadAppConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PUBLIC_URL: 'https://orca.example.com/',
    });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.publicUrl).toBe('https://orca.example.com');
    expect(config.secureCookies).toBe(true);
  });

  it.each([
    [
      { PORT: 'abc' },
      'Invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc")',
    ],
    [
      { DATABASE_URL: 'mysql://x' },
      'Invalid configuration: DATABASE_URL must use postgres: or postgresql: (got "mysql:")',
    ],
    [{ REDIS_URL: 'not a url' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid configuration: LOG_LEVEL must be one of'],
    [
      { EXPORT_THREADS: '0' },
      'Invalid configuration: EXPORT_THREADS must be a whole number from 1 to 64 (got "0")',
    ],
    [
      { TRUST_PROXY: 'maybe' },
      'Invalid configuration: TRUST_PROXY must be true or false (got "maybe")',
    ],
    [
      { METRICS_TOKEN: 'short' },
      'Invalid configuration: METRICS_TOKEN must be 16 to 256 printable characters',
    ],
    [
      { SHUTDOWN_GRACE_MS: '30s' },
      'Invalid configuration: SHUTDOWN_GRACE_MS must be a whole number from 1000 to 600000 (got "30s")',
    ],
  ])('stops on %j with one line naming the variable', (env, expected) => {
    const run = () => loadAppConfig(env as Record<string, string>);
    expect(run).toThrow(ConfigValidationError);
    if (expected === 'DATABASE_URL') {
      expect(run).toThrow('Invalid configuration: REDIS_URL must be a URL');
    } else {
      expect(run).toThrow(expected);
    }
  });
});
