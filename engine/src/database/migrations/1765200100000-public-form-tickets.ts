import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets of public forms: handed out with the form, spent by one submission. They
 * carry the time the form was opened, for the minimum fill time of the spam guard.
 */
export class PublicFormTickets1765200100000 implements MigrationInterface {
  name = 'PublicFormTickets1765200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_form_tickets (
        id uuid PRIMARY KEY,
        form_id uuid NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      );
      CREATE INDEX public_form_tickets_issued_idx ON public_form_tickets (issued_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE public_form_tickets');
  }
}
