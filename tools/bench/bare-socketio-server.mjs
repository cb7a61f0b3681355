// The floor for the collaboration fan-out benchmark: a bare Socket.IO server (the api's socket.io
// version, WebSocket transport only, namespace /collab, one room per project) with no auth, no
// database, no Redis and no connection state recovery. It broadcasts a `change:applied` built from
// a real one (so of the same JSON size) when asked over the socket (`change:submit`, acked
// `{ok, rev}`) or over HTTP (`POST /broadcast` with `{projectId, mutationId, change}`).
// Usage: node bare-socketio-server.mjs <template.json> <port>
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Server } from 'socket.io';

const [templateFile, port] = process.argv.slice(2);
const template = JSON.parse(readFileSync(templateFile, 'utf8'));
const revs = new Map();

function broadcast({ projectId, mutationId, change }) {
  const rev = (revs.get(projectId) ?? 0) + 1;
  revs.set(projectId, rev);
  nsp.to(`project:${projectId}`).emit('change:applied', {
    ...template,
    projectId,
    rev,
    mutationId,
    change: change ?? template.change,
    createdAt: new Date().toISOString(),
  });
  return rev;
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/ready') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ready');
    return;
  }
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400);
        res.end();
        return;
      }
      const rev = broadcast(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ rev, changed: true, duplicate: false }));
    });
    return;
  }
  res.writeHead(404);
  res.end();
});

const io = new Server(server, {
  transports: ['websocket'],
  serveClient: false,
});
const nsp = io.of('/collab');
nsp.on('connection', (socket) => {
  socket.on('project:join', async (request, ack) => {
    const projectId = String(request?.projectId ?? '');
    await socket.join(`project:${projectId}`);
    ack?.({ ok: true, rev: revs.get(projectId) ?? 0 });
  });
  socket.on('change:submit', (request, ack) => {
    ack?.({ ok: true, rev: broadcast(request ?? {}) });
  });
});

server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
