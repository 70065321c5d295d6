// The access-token cache: one token per (corp, app), kept until expires_in − 300 s, refreshed
// single-flight so a burst of calls after expiry makes one gettoken, not fifty.

export interface FetchedToken { accessToken: string; expiresIn: number }

export class TokenCache {
  private cached: { token: string; expiresAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number,
    private readonly marginSeconds = 300,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt) return this.cached.token;
    this.inFlight ??= (async () => {
      try {
        const t = await this.fetchToken();
        // A token shorter-lived than the margin is still used once rather than refetched in a loop.
        const life = Math.max(t.expiresIn - this.marginSeconds, Math.min(t.expiresIn, 60));
        this.cached = { token: t.accessToken, expiresAt: this.now() + life * 1000 };
        return t.accessToken;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }

  /** Drops the token if it is still the one that failed (another caller may have refreshed already). */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  peek(): string | undefined {
    return this.cached && this.now() < this.cached.expiresAt ? this.cached.token : undefined;
  }
}
