// Serves the built client (dist/) and proxies /graphql and the file links (/files/...) to the gateway,
// so the browser talks to one origin. Node's standard library only. Run `node clients/web/server.mjs` (after the build), or
// import { startWebServer } from it.
//
//   WEB_PORT     port to listen on (default 5173; 0 picks a free one)
//   HOST         interface to bind (default 127.0.0.1)
//   GATEWAY_URL  where the gateway is (default http://127.0.0.1:4000)
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Request headers not forwarded to the gateway (hop-by-hop, or set anew by fetch). */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'accept-encoding']);

/**
 * @param {{ port?: number, host?: string, gatewayUrl?: string, distDir?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startWebServer(options = {}) {
  const port = options.port ?? 5173;
  const host = options.host ?? '127.0.0.1';
  const gatewayUrl = (options.gatewayUrl ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
  const distDir = path.resolve(options.distDir ?? path.join(here, 'dist'));
  await stat(path.join(distDir, 'index.html')).catch(() => {
    throw new Error(`${distDir}/index.html is missing: build the client first (npm run build -w clients/web)`);
  });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle =
      url.pathname === '/graphql'
        ? proxy(req, res, gatewayUrl + url.pathname + url.search)
        : url.pathname.startsWith('/files/')
          ? proxyFile(req, res, gatewayUrl + url.pathname + url.search)
          : serveFile(url.pathname, res, distDir);
    handle.catch((error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Bad gateway: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  // Subscriptions: WebSocket upgrades of /graphql go to the gateway too (graphql-ws).
  /** @type {Set<import('node:stream').Duplex>} */
  const upgraded = new Set();
  server.on('upgrade', (req, socket, head) => {
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/graphql') {
      socket.destroy();
      return;
    }
    proxyUpgrade(req, socket, head, gatewayUrl + url.pathname + url.search);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
        // Upgraded sockets are no longer the server's connections: end them too.
        for (const socket of upgraded) socket.destroy();
      }),
  };
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {string} target
 */
async function proxy(req, res, target) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_HEADERS.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // Say who the caller is, as proxies do: a gateway told to trust one proxy hop
  // (TRUST_PROXY_HOPS=1) then rate-limits people, not this server.
  const client = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${client}` : client;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = hasBody ? await readBody(req) : undefined;
  const response = await fetch(target, { method: req.method, headers, body });
  /** @type {Record<string, string>} */
  const out = {};
  response.headers.forEach((value, name) => {
    // fetch has already decoded the body.
    if (name !== 'content-encoding' && name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection')
      out[name] = value;
  });
  const payload = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...out, 'content-length': String(payload.length) });
  res.end(payload);
}

/** Request headers a file upload or download needs (the signature covers Content-Type and Content-Length). */
const FILE_REQUEST_HEADERS = ['content-type', 'content-length', 'range', 'if-none-match', 'if-modified-since', 'x-request-id'];

/**
 * A signed file link (GET of a download, PUT of an upload), streamed both ways: a large file never
 * sits in this server's memory. The media service checks the signature.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {string} target
 */
function proxyFile(req, res, target) {
  return new Promise((resolve, reject) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'PUT') {
      res.writeHead(405, { allow: 'GET, HEAD, PUT', 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Files are read with GET and sent with PUT.' }));
      resolve(undefined);
      return;
    }
    /** @type {Record<string, string>} */
    const headers = {};
    for (const name of FILE_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => resolve(undefined));
      answer.on('error', reject);
    });
    upstream.on('error', reject);
    req.on('aborted', () => upstream.destroy());
    req.pipe(upstream);
  });
}

/**
 * A WebSocket upgrade, passed through byte for byte once the gateway has accepted it.
 * @param {http.IncomingMessage} req
 * @param {import('node:stream').Duplex} socket
 * @param {Buffer} head
 * @param {string} target
 */
function proxyUpgrade(req, socket, head, target) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'host') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const client = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${client}` : client;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  const upstream = http.request(target, { method: req.method, headers });
  socket.on('error', () => upstream.destroy());
  upstream.on('error', () => {
    if (socket.writable) socket.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
    socket.destroy();
  });
  // The gateway refused the upgrade (429, 503...): its answer goes back as it is.
  upstream.on('response', (response) => {
    const lines = [`HTTP/1.1 ${response.statusCode} ${response.statusMessage}`];
    for (let i = 0; i < response.rawHeaders.length; i += 2) lines.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    response.pipe(socket);
  });
  upstream.on('upgrade', (response, gatewaySocket, gatewayHead) => {
    const lines = ['HTTP/1.1 101 Switching Protocols'];
    for (let i = 0; i < response.rawHeaders.length; i += 2) lines.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    if (gatewayHead.length > 0) socket.write(gatewayHead);
    if (head.length > 0) gatewaySocket.write(head);
    gatewaySocket.on('error', () => socket.destroy());
    socket.on('close', () => gatewaySocket.destroy());
    gatewaySocket.on('close', () => socket.destroy());
    gatewaySocket.pipe(socket).pipe(gatewaySocket);
  });
  upstream.end();
}

/** @param {http.IncomingMessage} req */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * A file of dist/, or index.html for any other path (the client routes in the browser).
 * @param {string} pathname
 * @param {http.ServerResponse} res
 * @param {string} distDir
 */
async function serveFile(pathname, res, distDir) {
  let file = path.join(distDir, path.normalize(decodeURIComponent(pathname)));
  if (!file.startsWith(distDir + path.sep)) file = path.join(distDir, 'index.html');
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    // Unknown asset paths are a real 404; everything else is a page of the app.
    if (pathname.startsWith('/assets/')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    file = path.join(distDir, 'index.html');
    info = await stat(file);
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'content-type': TYPES[/** @type {keyof typeof TYPES} */ (ext)] ?? 'application/octet-stream',
    'content-length': String(info.size),
    // Hashed asset names change with their content; index.html must always be fresh.
    'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  await new Promise((resolve, reject) => {
    createReadStream(file)
      .on('error', reject)
      .on('end', () => resolve(undefined))
      .pipe(res);
  });
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const rawPort = process.env['WEB_PORT'] ?? '5173';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid configuration: WEB_PORT: expected a port number (got "${rawPort}")`);
    process.exit(1);
  }
  const server = await startWebServer({ port, host: process.env['HOST'] ?? '127.0.0.1', gatewayUrl: process.env['GATEWAY_URL'] }).catch(
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
  console.log(JSON.stringify({ level: 30, time: Date.now(), service: 'web', msg: `web client on ${server.url}` }));
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by `npm start` with an IPC channel: stop when the parent goes away.
  process.on('disconnect', stop);
}
