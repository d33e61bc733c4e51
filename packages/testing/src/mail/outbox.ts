/**
 * The test server sends no e-mail: the admin API's e-mail actions are recorded here instead, so tests can read
 * what Keycloak would have sent (to whom, which actions, which client and redirect, the link lifespan). As on
 * Keycloak, a realm must name a sender (`smtpServer: { from: ... }`) for its e-mails to go out; without one the
 * actions answer Keycloak's 500.
 */

/** One e-mail the server would have sent. */
export interface SentMail {
  /** `execute-actions` (PUT …/execute-actions-email) or `verify-email` (PUT …/send-verify-email). */
  kind: 'execute-actions' | 'verify-email';
  realm: string;
  userId: string;
  /** The user's e-mail address. */
  to: string;
  /** Required actions asked for (empty for verify-email). */
  actions: string[];
  /** The client the link returns to (`admin-cli` when none was given, as Keycloak's system client). */
  clientId: string;
  redirectUri?: string;
  /** How long the link would be valid, in seconds (realm default 43200). */
  lifespanSeconds: number;
  /** When it was recorded, ms on the server clock. */
  sentAtMs: number;
}

/** What `server.mail` exposes. */
export class MailOutbox {
  readonly #sent: SentMail[] = [];
  #failing = false;

  /** Every recorded e-mail, oldest first (a copy). */
  get sent(): readonly SentMail[] {
    return [...this.#sent];
  }

  /**
   * Whether sending fails, as on a Keycloak whose SMTP server refuses the mail: e-mail actions then answer 500
   * ("Failed to send execute actions email" / "Failed to send verify email") and record nothing. Default false.
   */
  get failing(): boolean {
    return this.#failing;
  }

  set failing(value: boolean) {
    this.#failing = value;
  }

  /** Forgets the recorded e-mails. */
  clear(): void {
    this.#sent.length = 0;
  }

  /** @internal Records one e-mail. */
  record(mail: SentMail): void {
    this.#sent.push(mail);
  }
}

const outboxes = new WeakMap<object, MailOutbox>();

/** The outbox of one server (keyed by its kernel), created on first use. */
export function mailOutboxOf(kernel: object): MailOutbox {
  let outbox = outboxes.get(kernel);
  if (!outbox) {
    outbox = new MailOutbox();
    outboxes.set(kernel, outbox);
  }
  return outbox;
}
