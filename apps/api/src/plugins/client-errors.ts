import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import { ERROR_CODES, HTTP_STATUS_BY_CODE, type ErrorBody } from '@lastmile/domain';

type ClientErrorHandler = NonNullable<FastifyServerOptions['clientErrorHandler']>;

/** What Node's HTTP parser could not take, in the API's words. */
function describe(nodeCode: string): ErrorBody {
  if (nodeCode === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { code: ERROR_CODES.requestTimeout, message: 'The request took too long to arrive.' };
  if (nodeCode === 'HPE_HEADER_OVERFLOW')
    return { code: ERROR_CODES.headersTooLarge, message: 'The request headers are too large.' };
  return { code: ERROR_CODES.validation, message: 'The request is not valid HTTP.' };
}

/**
 * Answers a request Node's HTTP parser rejected (before Fastify sees it: no route, no hooks) in
 * the same `{ code, message }` shape as everything else, then drops the connection as Node does.
 */
export const clientErrorHandler: ClientErrorHandler = (error, socket: Socket) => {
  // The peer is gone: nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = describe(error.code);
  const status = HTTP_STATUS_BY_CODE[body.code];
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
        `Connection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
};
