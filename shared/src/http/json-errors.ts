import type { ErrorRequestHandler } from 'express';
import { ErrorCode, INTERNAL_ERROR_MESSAGE } from '../errors.js';

/** What body-parser and http-errors put on the errors they raise. */
interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  limit?: number;
}

/**
 * The last handler of every process: whatever went wrong in a route or a body parser is answered
 * as JSON in GraphQL's error shape, without a stack trace, path or internal message. A client's
 * mistake keeps its 4xx status and a message that says what to fix; anything else is a masked 500
 * with the request id, logged in full.
 */
export const jsonErrors: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const http = (typeof error === 'object' && error !== null ? error : {}) as HttpErrorLike;
  const status = http.status ?? http.statusCode ?? 500;
  let body: { message: string; extensions: Record<string, unknown> };
  if (http.type === 'entity.parse.failed') {
    body = { message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } };
  } else if (http.type === 'entity.too.large') {
    body = {
      message: `The request body is larger than ${http.limit ?? 'allowed'} bytes.`,
      extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: http.limit },
    };
  } else if (status >= 400 && status < 500) {
    body = { message: 'The request is not valid.', extensions: { code: 'BAD_REQUEST' } };
  } else {
    req.log?.error({ err: error }, 'request failed');
    body = { message: INTERNAL_ERROR_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: req.requestId } };
  }
  if (res.headersSent) return void res.end();
  res.status(status >= 400 && status < 600 ? status : 500).json({ errors: [body] });
};
