import {
  appDefinitionSchema,
  ajv,
  flowDefinitionSchema,
  formDefinitionSchema,
  templateDefinitionSchema,
  validateApp,
  validateDocumentSchema,
  validateTemplate,
  type AppDefinition,
  type TemplateDefinition,
} from '../src';
import { validQuoteFlow } from './fixtures/flow-builders';
import { quoteForm } from './fixtures/quote.form';

const app: AppDefinition = {
  key: 'crm',
  name: { zh: '客户管理', en: 'CRM' },
  forms: [{ form: quoteForm, flow: validQuoteFlow() }],
};

const template: TemplateDefinition = {
  key: 'crm-template',
  name: { zh: '客户管理', en: 'CRM' },
  description: { zh: '报价与审批', en: 'Quotes and approvals' },
  app,
  samples: [{ form: 'quote', submittedBy: 'alice', data: { customer: 'ACME' } }],
};

describe('document schemas', () => {
  it.each([
    ['form', formDefinitionSchema],
    ['flow', flowDefinitionSchema],
    ['app', appDefinitionSchema],
    ['template', templateDefinitionSchema],
  ] as const)('the %s schema is valid JSON Schema 2020-12 in strict mode', (_kind, schema) => {
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('refuses unknown properties at every level with a pointer at them', () => {
    const errors = validateDocumentSchema('app', { ...app, owner: 'x' });
    expect(errors).toEqual([expect.objectContaining({ code: 'schema_invalid', path: '/owner' })]);
  });
});

describe('validateApp and validateTemplate', () => {
  it('accept a valid app and template', () => {
    expect(validateApp(app)).toEqual([]);
    expect(validateTemplate(template)).toEqual([]);
  });

  it('prefix the errors of forms and flows with their place in the app', () => {
    const flow = validQuoteFlow();
    Object.assign(flow.edges[3] as object, { condition: { var: 'nope' } });
    const errors = validateApp({ ...app, forms: [{ form: quoteForm, flow }] });
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'unknown_field',
        path: '/forms/0/flow/edges/3/condition/var',
      }),
    ]);
  });

  it('refuse two forms with one key and samples of unknown forms', () => {
    const twice = { ...app, forms: [{ form: quoteForm }, { form: quoteForm }] };
    expect(validateApp(twice).map((e) => e.code)).toEqual(['duplicate_id']);
    const stray = { ...template, samples: [{ form: 'lead', submittedBy: 'bob', data: {} }] };
    expect(validateTemplate(stray)).toEqual([expect.objectContaining({ path: '/samples/0/form' })]);
  });

  it('never throw on garbage', () => {
    for (const garbage of [
      null,
      1,
      'x',
      [],
      { forms: 'x' },
      { key: 'a', name: { zh: '', en: '' }, forms: [{}] },
    ]) {
      expect(validateApp(garbage).length).toBeGreaterThan(0);
      expect(validateTemplate(garbage).length).toBeGreaterThan(0);
    }
  });
});
