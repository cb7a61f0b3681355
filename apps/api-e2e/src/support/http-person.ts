/** A person talking to one instance over HTTP: keeps cookies, echoes the XSRF token, speaks JSON. */
export class HttpPerson {
  private readonly cookies = new Map<string, string>();

  constructor(public baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Sends one request; a status of 400 or more throws with what the server said. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        cookie: this.cookieHeader,
        'x-xsrf-token': this.cookies.get('XSRF-TOKEN') ?? '',
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
    const text = await response.text();
    if (response.status >= 400)
      throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The XSRF cookie comes with any answer; get one before the first unsafe request. */
  async signUp(email: string, displayName: string): Promise<void> {
    await this.call('GET', '/auth/session');
    await this.call('POST', '/auth/register', {
      email,
      password: 'correct-horse-battery-staple',
      displayName,
    });
  }
}
