import type { AppDefinition, FormDefinition } from '@liuyun/definitions';
import type { TestApp } from './test-app';

/** A lead form with every kind a record list filters on, unique and duplicate-checked fields. */
export const leadForm: FormDefinition = {
  key: 'lead',
  name: { zh: '线索', en: 'Lead' },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        'x-widget': 'text',
        'x-label': { zh: '姓名', en: 'Name' },
      },
      company: {
        type: 'string',
        maxLength: 200,
        'x-widget': 'text',
        'x-label': { zh: '公司', en: 'Company' },
        'x-dedupe': true,
      },
      mobile: {
        type: 'string',
        maxLength: 40,
        'x-widget': 'text',
        'x-label': { zh: '手机', en: 'Mobile' },
        'x-unique': true,
        'x-normalize': 'phone',
      },
      email: {
        type: 'string',
        maxLength: 200,
        format: 'email',
        'x-widget': 'text',
        'x-label': { zh: '邮箱', en: 'E-mail' },
        'x-dedupe': true,
        'x-normalize': 'email',
      },
      stage: {
        type: 'string',
        enum: ['new', 'contacted', 'qualified', 'lost'],
        'x-widget': 'select',
        'x-label': { zh: '阶段', en: 'Stage' },
        'x-enum-labels': [
          { zh: '新线索', en: 'New' },
          { zh: '已联系', en: 'Contacted' },
          { zh: '已确认', en: 'Qualified' },
          { zh: '已流失', en: 'Lost' },
        ],
      },
      amount: {
        type: 'number',
        minimum: 0,
        'x-widget': 'money',
        'x-label': { zh: '预计金额', en: 'Expected amount' },
      },
      close_date: {
        type: 'string',
        format: 'date',
        'x-widget': 'date',
        'x-label': { zh: '预计成交', en: 'Expected close' },
      },
      met_at: {
        type: 'string',
        format: 'date-time',
        'x-widget': 'datetime',
        'x-label': { zh: '首次接触', en: 'First contact' },
      },
      notes: {
        type: 'string',
        maxLength: 2000,
        'x-widget': 'textarea',
        'x-label': { zh: '备注', en: 'Notes' },
      },
    },
  },
  layout: [
    'name',
    'company',
    'mobile',
    'email',
    'stage',
    'amount',
    'close_date',
    'met_at',
    'notes',
  ],
};

export const leadsApp: AppDefinition = {
  key: 'leads_lab',
  name: { zh: '线索实验', en: 'Leads lab' },
  forms: [{ form: leadForm }],
};

/** Installs the leads app (as admin) and returns the lead form's id. */
export async function installLeads(app: TestApp, adminToken: string): Promise<string> {
  const res = await app.request<{ forms: { id: string; key: string }[] }>('POST', '/api/apps', {
    token: adminToken,
    body: leadsApp,
  });
  if (res.status !== 201)
    throw new Error(`install failed: ${res.status} ${JSON.stringify(res.body)}`);
  const form = res.body.forms.find((f) => f.key === 'lead');
  if (!form) throw new Error('no lead form');
  return form.id;
}
