import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FormDefinition, I18nText } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, notFound } from '../../common/errors/app-error';
import { AppsService } from '../apps/apps.service';
import { RecordsService } from './records.service';

/** Submissions per minute from one address to one link, and form loads. */
export const PUBLIC_LIMITS = { submitsPerMinute: 10, loadsPerMinute: 60 } as const;
/** A person needs at least this long to fill a form; bots are faster. */
export const MIN_FILL_SECONDS = 3;
/** A ticket (an opened form) is good for a day. */
const TICKET_HOURS = 24;
const PUBLIC_USERNAME = 'public-form';

export interface PublicLink {
  formId: string;
  enabled: boolean;
  token: string;
  /** Where the designer serves the public page. */
  path: string;
}

export interface PublicForm {
  name: I18nText;
  definition: FormDefinition;
  /** Send back with the submission (one use). */
  ticket: string;
  /** The honeypot field the page keeps hidden and empty. */
  honeypot: string;
}

export const HONEYPOT_FIELD = 'website';

interface LinkRow {
  form_id: string;
  token: string;
  enabled: boolean;
  submitter_id: string;
}

const tooMany = (): AppError =>
  new AppError(
    429,
    'rate_limited',
    'Too many requests from your address; wait a minute and try again.',
  );

/**
 * Public form links (lead capture without sign-in): an admin switches a link on for a
 * form; anyone with the token can open the form and submit it, as the system user
 * `public-form`, through the same submission check as signed-in people. Guarded by a
 * per-address rate limit, a honeypot field and a minimum fill time (one-use tickets).
 */
@Injectable()
export class PublicLinks {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly records: RecordsService,
  ) {}

  async get(formId: string): Promise<PublicLink | null> {
    await this.apps.publishedForm(formId);
    const rows: LinkRow[] = await this.db.query('SELECT * FROM public_links WHERE form_id = $1', [
      formId,
    ]);
    return rows[0] ? toLink(rows[0]) : null;
  }

  /** Switches the link on or off; `regenerate` gives it a new token (the old one stops working). */
  async set(
    formId: string,
    enabled: boolean,
    regenerate: boolean,
    admin: AuthUser,
  ): Promise<PublicLink> {
    await this.apps.publishedForm(formId);
    return this.db.transaction(async (m) => {
      const submitterId = await this.publicUser(m);
      const token = randomBytes(18).toString('base64url');
      const rows: LinkRow[] = await m.query(
        `INSERT INTO public_links (form_id, token, enabled, submitter_id, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (form_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now(),
           token = CASE WHEN $6::boolean THEN EXCLUDED.token ELSE public_links.token END
         RETURNING *`,
        [formId, token, enabled, submitterId, admin.id, regenerate],
      );
      const link = rows[0]!;
      await m.getRepository(AuditLogEntity).insert({
        actorId: admin.id,
        action: 'form.public_link',
        entityType: 'form',
        entityId: formId,
        before: null,
        after: { enabled: link.enabled, regenerated: regenerate },
      });
      return toLink(link);
    });
  }

  /** The form behind an enabled link, with a fresh ticket. */
  async open(token: string, client: string): Promise<PublicForm> {
    const link = await this.enabledLink(token);
    await this.countOrRefuse(`load:${token}:${client}`, PUBLIC_LIMITS.loadsPerMinute);
    const form = await this.apps.publishedForm(link.form_id);
    const ticket = randomUUID();
    await this.db.query('INSERT INTO public_form_tickets (id, form_id) VALUES ($1, $2)', [
      ticket,
      link.form_id,
    ]);
    return { name: form.name, definition: form.definition, ticket, honeypot: HONEYPOT_FIELD };
  }

  async submit(
    token: string,
    client: string,
    body: { data: unknown; ticket: string; website?: string },
  ): Promise<{ ok: true; submittedAt: string }> {
    const link = await this.enabledLink(token);
    await this.countOrRefuse(`submit:${token}:${client}`, PUBLIC_LIMITS.submitsPerMinute);
    if (body.website !== undefined && body.website !== '')
      throw new AppError(
        422,
        'spam_suspected',
        'The submission looks automated and was not accepted.',
      );
    // Spend the ticket (one use) if the form was open long enough; a too-quick send keeps it.
    const [spent]: [unknown[], number] = await this.db.query(
      `UPDATE public_form_tickets SET used_at = now()
        WHERE id = $1 AND form_id = $2 AND used_at IS NULL
          AND issued_at > now() - interval '${TICKET_HOURS} hours'
          AND issued_at <= now() - interval '${MIN_FILL_SECONDS} seconds'
        RETURNING id`,
      [body.ticket, link.form_id],
    );
    if (spent.length === 0) {
      const fresh: unknown[] = await this.db.query(
        `SELECT 1 FROM public_form_tickets
          WHERE id = $1 AND form_id = $2 AND used_at IS NULL AND issued_at > now() - interval '${MIN_FILL_SECONDS} seconds'`,
        [body.ticket, link.form_id],
      );
      if (fresh.length > 0)
        throw new AppError(
          422,
          'spam_suspected',
          'The form was sent too quickly after it was opened; try again.',
        );
      throw new AppError(
        422,
        'ticket_invalid',
        'This form was already sent or has expired; reload the page.',
      );
    }
    const submitter: AuthUser = {
      id: link.submitter_id,
      username: PUBLIC_USERNAME,
      displayName: 'Public form',
      departmentId: null,
      roles: [],
      isAdmin: false,
    };
    try {
      const record = await this.records.submit(
        link.form_id,
        body.data,
        submitter,
        `public:${body.ticket}`,
      );
      return { ok: true, submittedAt: record.createdAt };
    } catch (e) {
      // A refused submission gives the ticket back, so the person can correct and resend.
      await this.db.query('UPDATE public_form_tickets SET used_at = NULL WHERE id = $1', [
        body.ticket,
      ]);
      throw e;
    }
  }

  private async enabledLink(token: string): Promise<LinkRow> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw notFound('The form');
    const rows: LinkRow[] = await this.db.query(
      'SELECT * FROM public_links WHERE token = $1 AND enabled',
      [token],
    );
    const link = rows[0];
    if (!link) throw notFound('The form');
    return link;
  }

  /** A fixed one-minute window per client key, counted in the database (so across processes). */
  private async countOrRefuse(client: string, limit: number): Promise<void> {
    const rows: { count: number }[] = await this.db.query(
      `INSERT INTO public_submit_counts (client, window_start, count) VALUES ($1, date_trunc('minute', now()), 1)
       ON CONFLICT (client, window_start) DO UPDATE SET count = public_submit_counts.count + 1
       RETURNING count`,
      [client.slice(0, 300)],
    );
    if (Math.random() < 0.01) {
      await this.db.query(
        `DELETE FROM public_submit_counts WHERE window_start < now() - interval '1 hour'`,
      );
      await this.db.query(
        `DELETE FROM public_form_tickets WHERE issued_at < now() - interval '${TICKET_HOURS * 2} hours'`,
      );
    }
    if ((rows[0]?.count ?? 0) > limit) throw tooMany();
  }

  /** The system user public submissions belong to (made once; it cannot sign in). */
  private async publicUser(m: EntityManager): Promise<string> {
    await m.query(
      `INSERT INTO users (id, username, display_name, password_hash, is_admin, disabled)
       VALUES ($1, $2, '公开表单 / Public form', '!', false, true) ON CONFLICT (username) DO NOTHING`,
      [randomUUID(), PUBLIC_USERNAME],
    );
    const rows: { id: string }[] = await m.query('SELECT id FROM users WHERE username = $1', [
      PUBLIC_USERNAME,
    ]);
    return rows[0]!.id;
  }
}

function toLink(r: LinkRow): PublicLink {
  return { formId: r.form_id, enabled: r.enabled, token: r.token, path: `/p/${r.token}` };
}
