import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { Writable } from 'node:stream';
import { requestIdOf, runWithLogContext } from './request-id';

describe('request ids', () => {
  it("keeps a caller's plain id and makes up one for anything else", () => {
    expect(requestIdOf('edge-7f3a:42')).toBe('edge-7f3a:42');
    expect(requestIdOf(['first', 'second'])).toBe('first');
    for (const unusable of [
      undefined,
      '',
      'has space',
      'x'.repeat(129),
      '<script>',
    ])
      expect(requestIdOf(unusable)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
  });

  it('binds the id to every line logged while the work runs, and only then', () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const root = pino({ level: 'info' }, sink);
    // What nestjs-pino's LoggerModule sets when the app starts.
    const holder = PinoLogger as unknown as { root: pino.Logger | undefined };
    const before = holder.root;
    holder.root = root;
    try {
      // Lines logged out of any request go to the same sink.
      const logger = new PinoLogger({ pinoHttp: [{ level: 'info' }, sink] });
      runWithLogContext({ reqId: 'socket-1', event: 'change:submit' }, () =>
        logger.info('inside'),
      );
      logger.info('outside');
    } finally {
      holder.root = before;
    }
    expect(lines.find((line) => line['msg'] === 'inside')).toMatchObject({
      reqId: 'socket-1',
      event: 'change:submit',
    });
    expect(lines.find((line) => line['msg'] === 'outside')).not.toHaveProperty(
      'reqId',
    );
    expect(lines).toHaveLength(2);
  });
});
