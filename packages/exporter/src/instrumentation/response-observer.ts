/**
 * Ends a request's measurement when its response does: on 'finish' with the status code sent, or
 * on 'close' without a finished response with `aborted` (the client went away first). Node emits
 * 'close' after 'finish' too; the timer takes only the first end.
 */
import type { ServerResponse } from 'node:http';
import type { RequestTimer } from './request-timer.ts';

export function observeResponse(timer: RequestTimer, res: ServerResponse, routeOf: () => string | undefined = () => undefined): void {
  const onFinish = () => {
    detach();
    timer.end(res.statusCode, routeOf());
  };
  const onClose = () => {
    detach();
    // end() was called: the server answered, even if the last bytes did not reach the client.
    timer.end(res.writableEnded ? res.statusCode : 'aborted', routeOf());
  };
  const detach = () => {
    res.off('finish', onFinish);
    res.off('close', onClose);
  };
  res.once('finish', onFinish);
  res.once('close', onClose);
}
