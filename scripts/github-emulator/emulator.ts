import type { KeyObject } from 'node:crypto';
import { Faults } from './faults.ts';
import { type LimitsConfig, RateLimits } from './limits.ts';
import { Store } from './store.ts';
import { Webhooks } from './webhooks.ts';

/** Everything the emulator was started with (flags or env, see main.ts). */
export type EmulatorConfig = {
  /** Accepted personal access tokens and the login each acts as. */
  tokens: Map<string, string>;
  webhookUrl: string | null;
  webhookSecret: string | null;
  webhookConcurrency: number;
  limits: LimitsConfig;
  app: { id: string; slug: string; publicKey: KeyObject } | null;
  /** An OAuth app people sign in with (the web flow: authorize, then exchange the code). */
  oauth?: { clientId: string; clientSecret: string } | null;
  /** Repositories that exist from the start and again after a reset, "owner/name". */
  repos: string[];
  /** Any repository asked for exists: `npm run dev` points every program at the emulator. */
  anyRepo?: boolean;
};

export type AppToken = { login: string; installationId: string; expiresAt: number };

/** The state of one emulator process, shared by the REST and control handlers. */
export class Emulator {
  base = 'http://127.0.0.1';
  store = new Store();
  limits: RateLimits;
  faults = new Faults();
  webhooks: Webhooks;
  appTokens = new Map<string, AppToken>();
  /** The OAuth web flow: who is signed in to GitHub in "the browser", codes handed out, tokens minted. */
  oauth = {
    browserLogin: null as string | null,
    codes: new Map<string, { login: string; redirectUri: string | null; expiresAt: number }>(),
    tokens: new Map<string, string>(),
  };
  outage = false;
  /** When this emulator started: the date of the accounts it makes up. */
  readonly startedAt = Date.now();
  stats = { requests: 0, writes: 0, contentCreates: 0 };

  constructor(public config: EmulatorConfig) {
    this.limits = new RateLimits({ ...config.limits });
    this.webhooks = new Webhooks(config.webhookUrl, config.webhookSecret, config.webhookConcurrency);
    this.seedRepos();
  }

  /** Forgets all data, counters, faults and deliveries; keeps tokens and the webhook target. */
  reset(): void {
    this.store.reset();
    this.limits.reset();
    this.faults.clear();
    this.webhooks.reset();
    this.appTokens.clear();
    this.oauth = { browserLogin: null, codes: new Map(), tokens: new Map() };
    this.outage = false;
    this.stats = { requests: 0, writes: 0, contentCreates: 0 };
    this.seedRepos();
  }

  /** The login a token acts as, or null for a token GitHub would reject. */
  loginFor(token: string): string | null {
    const login = this.config.tokens.get(token);
    if (login) return login;
    const appToken = this.appTokens.get(token);
    if (appToken && appToken.expiresAt > Date.now()) return appToken.login;
    return this.oauth.tokens.get(token) ?? null;
  }

  private seedRepos(): void {
    for (const fullName of this.config.repos) {
      const [owner, name] = fullName.split('/');
      if (owner && name) this.store.ensureRepo(owner, name);
    }
  }
}
