import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP load balancer, as a Kubernetes Service or nginx would be: each new connection
 * goes to the first backend that accepts it, so once an instance stops listening, its clients'
 * reconnects land on the next one.
 */
export class Balancer {
  private readonly server = createServer((client) => this.route(client));
  private readonly open = new Set<Socket>();
  url = '';

  constructor(private readonly backends: () => number[]) {}

  async start(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server.listen(0, '127.0.0.1', resolve),
    );
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private route(client: Socket): void {
    this.open.add(client);
    client.pause();
    client.once('close', () => this.open.delete(client));
    const attempt = (ports: number[]): void => {
      const [port, ...rest] = ports;
      if (port === undefined || client.destroyed) {
        client.destroy();
        return;
      }
      const upstream = connect(port, '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        this.open.add(upstream);
        upstream.pipe(client);
        client.pipe(upstream);
        client.resume();
      });
      upstream.on('error', () => {
        if (!connected) attempt(rest);
      });
      upstream.once('close', () => {
        this.open.delete(upstream);
        if (connected) client.destroy();
      });
      client.once('close', () => upstream.destroy());
    };
    client.on('error', () => client.destroy());
    attempt(this.backends());
  }
}
