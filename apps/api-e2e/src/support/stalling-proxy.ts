import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy in front of one server whose client can stop reading: `stall()` stops
 * taking bytes from the server, so the server's send buffers fill as they do for a phone on a
 * dead network or a frozen tab. What the client sends still goes through.
 */
export class StallingProxy {
  private readonly server = createServer((client) => this.route(client));
  private readonly upstreams = new Set<Socket>();
  private readonly open = new Set<Socket>();
  url = '';

  constructor(private readonly port: number) {}

  async start(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server.listen(0, '127.0.0.1', resolve),
    );
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stops reading what the server sends (the kernel's buffers fill, then the server's). */
  stall(): void {
    for (const upstream of this.upstreams) {
      upstream.unpipe();
      upstream.pause();
    }
  }

  /** Bytes the server has sent that this proxy holds (unread at the kernel is not counted). */
  get held(): number {
    let bytes = 0;
    for (const upstream of this.upstreams) bytes += upstream.readableLength;
    return bytes;
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private route(client: Socket): void {
    const upstream = connect(this.port, '127.0.0.1');
    this.open.add(client);
    this.open.add(upstream);
    this.upstreams.add(upstream);
    upstream.pipe(client);
    client.pipe(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.upstreams.delete(upstream);
      this.open.delete(client);
      this.open.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  }
}
