import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Express } from 'express';
import type { Logger } from '@gigmart/shared';

/** Request headers a file upload or download needs; nothing else (no cookies, no authorization) goes to the media service. */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'content-length', 'range', 'if-none-match', 'if-modified-since', 'x-request-id'];
/** Response headers of the media service the client gets (CORS is this gateway's own). */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'content-security-policy',
  'x-content-type-options',
  'cache-control',
  'etag',
  'location',
  'x-request-id',
];

function pick(headers: IncomingHttpHeaders, names: readonly string[]): Record<string, string | string[]> {
  const picked: Record<string, string | string[]> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/**
 * `GET` and `PUT /files/...`: the media service's signed file links, passed through this gateway's
 * public address (MEDIA_PUBLIC_URL points here), streaming both ways: the media service checks the
 * signatures; a 1 GB upload never sits in this process's memory.
 */
export function mountFilesPassthrough(app: Express, options: { mediaUrl: string; logger: Logger }): void {
  const upstream = new URL(options.mediaUrl);
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  app.use('/files/', (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'PUT') {
      res.status(405).setHeader('Allow', 'GET, HEAD, PUT').json({ error: 'Files are read with GET and sent with PUT.' });
      return;
    }
    const forward = send(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.originalUrl,
        headers: pick(req.headers, FORWARDED_REQUEST_HEADERS),
      },
      (answer) => {
        res.status(answer.statusCode ?? 502);
        for (const [name, value] of Object.entries(pick(answer.headers, FORWARDED_RESPONSE_HEADERS))) res.setHeader(name, value);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      options.logger.warn({ err: error }, 'the media service did not answer a file request');
      if (!res.headersSent) res.status(502).json({ error: 'The file service cannot be reached right now; try again shortly.' });
      else res.destroy();
    });
    req.pipe(forward);
  });
}
