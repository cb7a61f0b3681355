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
