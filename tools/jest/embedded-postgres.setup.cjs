// Jest global setup for api test projects. With DATABASE_URL set (CI), tests use that real
// PostgreSQL. Without it (a newcomer's `npm test`), one embedded PostgreSQL (PGlite behind a
// loopback socket, in memory) is started here, outside Jest's module sandbox where PGlite's
// WebAssembly loader cannot run, and its URL is handed to the test workers.
const { PGlite } = require('@electric-sql/pglite');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');

module.exports = async function startEmbeddedPostgres() {
  if (process.env.DATABASE_URL) return;
  const db = await PGlite.create('memory://');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  await server.start();
  process.env.DATABASE_URL = `postgres://postgres@${server.getServerConn()}/postgres`;
  process.env.ORCA_TEST_EMBEDDED_DB = '1';
  // PGlite is one session: one pooled connection per process keeps transactions isolated (see
  // docs/decisions/0015).
  process.env.DATABASE_POOL_MAX = '1';
  globalThis.__ORCA_EMBEDDED_POSTGRES__ = { db, server };
};
