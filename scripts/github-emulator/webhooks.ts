import { createHmac, randomBytes, randomUUID } from 'node:crypto';

/**
 * Webhook deliveries the way GitHub sends them: one signed POST per event, asynchronously (the
 * change that caused it never waits), a 10 s timeout, the answer's status recorded. Tests switch
 * delivery off (`drop`, a lost webhook) or hold deliveries to release them later, in any order.
 */
export type WebhookMode = 'deliver' | 'drop' | 'hold';

export type DeliveryState = 'queued' | 'held' | 'dropped' | 'delivered' | 'failed';

export type Delivery = {
  id: string;
  event: string;
  action: string | null;
  repo: string | null;
  issueNumber: number | null;
  state: DeliveryState;
  /** The receiver's HTTP status of the last attempt; null when none answered. */
  status: number | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  /** The exact bytes sent (and signed); a redelivery sends them again. */
  body: string;
};

/** `sha256=` + hex HMAC-SHA256 of the exact body bytes, as in X-Hub-Signature-256. */
export function signPayload(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const timeoutMs = 10_000;
const keptDeliveries = 5_000;
const hookshot = `GitHub-Hookshot/${randomBytes(4).toString('hex').slice(0, 7)}`;

export class Webhooks {
  mode: WebhookMode = 'deliver';
  deliveries: Delivery[] = [];
  private queue: Delivery[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    public url: string | null,
    public secret: string | null,
    private concurrency = 1,
    private hookId = 400_000_001,
  ) {}

  reset(): void {
    this.mode = 'deliver';
    this.deliveries = [];
    this.queue = [];
  }

  emit(event: string, payload: Record<string, unknown>, target: { repo: string | null; issueNumber: number | null }) {
    const action = typeof payload.action === 'string' ? payload.action : null;
    const delivery: Delivery = {
      id: randomUUID(),
      event,
      action,
      repo: target.repo,
      issueNumber: target.issueNumber,
      state: 'queued',
      status: null,
      error: null,
      attempts: 0,
      createdAt: new Date().toISOString(),
      deliveredAt: null,
      body: JSON.stringify(payload),
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > keptDeliveries) this.deliveries.splice(0, this.deliveries.length - keptDeliveries);
    if (this.mode === 'drop') delivery.state = 'dropped';
    else if (this.mode === 'hold') delivery.state = 'held';
    else this.enqueue(delivery);
    return delivery;
  }

  /** Sends every held delivery, in the order they happened or the reverse. */
  flush(order: 'forward' | 'reverse' = 'forward'): number {
    const held = this.deliveries.filter((delivery) => delivery.state === 'held');
    if (order === 'reverse') held.reverse();
    for (const delivery of held) this.enqueue(delivery);
    return held.length;
  }

  /** GitHub's "Redeliver": the same body and X-GitHub-Delivery again. */
  redeliver(id: string): Delivery | null {
    const delivery = this.deliveries.find((candidate) => candidate.id === id);
    if (!delivery) return null;
    this.enqueue(delivery);
    return delivery;
  }

  /** Resolves once nothing is queued or being sent. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(delivery: Delivery): void {
    delivery.state = 'queued';
    this.queue.push(delivery);
    this.pump();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const delivery = this.queue.shift()!;
      this.running++;
      void this.send(delivery).finally(() => {
        this.running--;
        this.pump();
        if (this.queue.length === 0 && this.running === 0) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
        }
      });
    }
  }

  private async send(delivery: Delivery): Promise<void> {
    delivery.attempts++;
    if (!this.url) {
      delivery.state = 'failed';
      delivery.status = null;
      delivery.error = 'no webhook URL configured';
      return;
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': hookshot,
      'x-github-event': delivery.event,
      'x-github-delivery': delivery.id,
      'x-github-hook-id': String(this.hookId),
      'x-github-hook-installation-target-type': 'repository',
      'x-github-hook-installation-target-id': '1',
    };
    if (this.secret) {
      headers['x-hub-signature'] = `sha1=${createHmac('sha1', this.secret).update(delivery.body).digest('hex')}`;
      headers['x-hub-signature-256'] = signPayload(this.secret, delivery.body);
    }
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      delivery.status = response.status;
      delivery.error = null;
      delivery.state = response.ok ? 'delivered' : 'failed';
    } catch (error) {
      delivery.status = null;
      delivery.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      delivery.state = 'failed';
    }
    delivery.deliveredAt = new Date().toISOString();
  }
}
