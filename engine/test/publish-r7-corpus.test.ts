import { r7InvalidFlowCases } from '../../packages/definitions/test/cases/r7-invalid-flows.cases';
import { quoteForm } from '../../packages/definitions/test/fixtures/quote.form';
import { countRows, formIdOf } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

// R7 over HTTP: every flow of the definitions' invalid-flow corpus is refused at publish
// with its codes, and nothing is published.
let app: TestApp;
let admin: string;
let quoteId: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  admin = await app.login('admin');
  quoteId = await formIdOf(app, admin, 'quote');
});

afterAll(async () => {
  await app.close();
});

it.each(r7InvalidFlowCases.map((c) => [c.description, c] as const))(
  'refuses at publish: %s',
  async (_d, c) => {
    const before = await countRows(app, 'audit_log');
    const res = await app.request<{ error: { code: string; details: { code: string }[] } }>(
      'POST',
      `/api/forms/${quoteId}/versions`,
      {
        token: admin,
        body: { definition: quoteForm, flow: c.flow },
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('definition_invalid');
    expect(new Set(res.body.error.details.map((d) => d.code))).toEqual(new Set(c.expected));
    expect(await countRows(app, 'audit_log')).toBe(before);
    const form = await app.request<{ version: number }>('GET', `/api/forms/${quoteId}`, {
      token: admin,
    });
    expect(form.body.version).toBe(1);
  },
);
