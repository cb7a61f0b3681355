import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { runWithLogContext } from '@orca/api/core';
import { Observable } from 'rxjs';

/**
 * Runs each socket event's handler with a logger bound to the socket's request id, its id and the
 * event, so what the handler logs (and the write pipeline under it) can be traced like an HTTP
 * request's lines.
 */
@Injectable()
export class SocketLogContext implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ws = context.switchToWs();
    const socket = ws.getClient<{
      id: string;
      data?: { requestId?: string };
    }>();
    const fields = {
      reqId: socket.data?.requestId,
      socketId: socket.id,
      event: ws.getPattern(),
    };
    // next.handle() binds the handler to the async context it is called in: call it inside.
    return new Observable((subscriber) =>
      runWithLogContext(fields, () => next.handle().subscribe(subscriber)),
    );
  }
}
