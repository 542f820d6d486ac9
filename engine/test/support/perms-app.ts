import type { AppDefinition, FieldSchema, FormDefinition } from '@liuyun/definitions';
import type { TestApp } from './test-app';

const text = (en: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
  type: 'string',
  maxLength: 200,
  'x-widget': 'text',
  'x-label': { zh: en, en },
  ...extra,
});
const region: FieldSchema = {
  type: 'string',
  enum: ['east', 'west'],
  'x-widget': 'select',
  'x-label': { zh: '区域', en: 'Region' },
  'x-enum-labels': [
    { zh: '东区', en: 'East' },
    { zh: '西区', en: 'West' },
  ],
};
const owner: FieldSchema = {
  type: 'string',
  format: 'uuid',
  maxLength: 36,
  'x-widget': 'member',
  'x-label': { zh: '负责人', en: 'Owner' },
};
const money = (en: string): FieldSchema => ({
  type: 'number',
  minimum: 0,
  'x-widget': 'money',
  'x-label': { zh: en, en },
});

/** Accounts: a region (rows filtered by it), a hidden revenue, and a related list of deals. */
export const accountForm: FormDefinition = {
  key: 'account',
  name: { zh: '客户', en: 'Account' },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: text('Name'),
      region,
      owner,
      revenue: money('Revenue'),
      deals: {
        type: 'null',
        'x-widget': 'related_list',
        'x-label': { zh: '商机', en: 'Deals' },
        'x-related': { form: 'deal', field: 'account', columns: ['title', 'amount', 'margin'] },
      },
    },
  },
  layout: ['name', 'region', 'owner', 'revenue', 'deals'],
};

/** Deals: owned, linked to an account, a margin reps may not see, a duplicate-checked phone. */
export const dealForm: FormDefinition = {
  key: 'deal',
  name: { zh: '商机', en: 'Deal' },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['title'],
    properties: {
      title: text('Title'),
      account: {
        type: 'string',
        format: 'uuid',
        maxLength: 36,
        'x-widget': 'linked_record',
        'x-label': { zh: '客户', en: 'Account' },
        'x-link': { form: 'account', display: 'name' },
      },
      amount: money('Amount'),
      margin: money('Margin'),
      mobile: text('Mobile', { maxLength: 40, 'x-dedupe': true, 'x-normalize': 'phone' }),
      stage: {
        type: 'string',
        enum: ['new', 'won', 'lost'],
        'x-widget': 'select',
        'x-label': { zh: '阶段', en: 'Stage' },
        'x-enum-labels': [
          { zh: '新', en: 'New' },
          { zh: '赢单', en: 'Won' },
          { zh: '输单', en: 'Lost' },
        ],
      },
      status: { ...text('Status'), 'x-readonly': true },
      owner,
    },
  },
  layout: ['title', 'account', 'amount', 'margin', 'mobile', 'stage', 'status', 'owner'],
};

export const permsApp: AppDefinition = {
  key: 'perms_lab',
  name: { zh: '权限实验', en: 'Permissions lab' },
  forms: [{ form: accountForm }, { form: dealForm }],
};

/** Installs the lab app and answers its form ids by key. */
export async function installPermsApp(app: TestApp, admin: string): Promise<Map<string, string>> {
  const res = await app.request<{ forms: { id: string; key: string }[] }>('POST', '/api/apps', {
    token: admin,
    body: permsApp,
  });
  if (res.status !== 201)
    throw new Error(`install failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new Map(res.body.forms.map((f) => [f.key, f.id]));
}
