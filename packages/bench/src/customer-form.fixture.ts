/**
 * The P2 form: a 25-field CRM customer form (text, numbers, selects, dates, an email, a
 * contacts-like sub-form of order lines with a computed field, visibility and
 * required-when rules, computed totals and a submit check), and a valid submission.
 */
import type { FieldSchema, FormDefinition, JsonObject } from '@liuyun/definitions';

const t = (zh: string, en: string): { zh: string; en: string } => ({ zh, en });

function text(label: string, extra: Partial<FieldSchema> = {}): FieldSchema {
  return {
    type: 'string',
    maxLength: 200,
    'x-widget': 'text',
    'x-label': t(label, label),
    ...extra,
  };
}

function number(label: string, extra: Partial<FieldSchema> = {}): FieldSchema {
  return {
    type: 'number',
    minimum: 0,
    maximum: 1e9,
    'x-widget': 'number',
    'x-label': t(label, label),
    ...extra,
  };
}

function select(label: string, values: string[], extra: Partial<FieldSchema> = {}): FieldSchema {
  return {
    type: 'string',
    enum: values,
    'x-widget': 'select',
    'x-label': t(label, label),
    'x-enum-labels': values.map((v) => t(v, v)),
    ...extra,
  };
}

const properties: Record<string, FieldSchema> = {
  company: text('Company', { minLength: 1 }),
  legal_name: text('Legal name'),
  tax_id: text('Tax id', { maxLength: 32 }),
  industry: select('Industry', ['retail', 'finance', 'manufacturing', 'education', 'other']),
  industry_other: text('Other industry', {
    'x-visible': { '==': [{ var: 'industry' }, 'other'] },
    'x-required-when': { '==': [{ var: 'industry' }, 'other'] },
  }),
  tier: select('Tier', ['A', 'B', 'C']),
  region: select('Region', ['east', 'west', 'north', 'south']),
  city: text('City'),
  address: { ...text('Address', { maxLength: 500 }), 'x-widget': 'textarea' },
  website: text('Website'),
  email: text('Email', { format: 'email' }),
  phone: text('Phone', { maxLength: 32 }),
  employees: number('Employees', { type: 'integer' }),
  annual_revenue: number('Annual revenue', { 'x-widget': 'money' }),
  credit_limit: number('Credit limit', { 'x-widget': 'money' }),
  payment_terms: select('Payment terms', ['prepaid', 'net30', 'net60']),
  credit_reason: {
    ...text('Credit reason', { maxLength: 2000 }),
    'x-widget': 'textarea',
    'x-visible': { '>': [{ var: 'credit_limit' }, 100000] },
    'x-required-when': { '>': [{ var: 'credit_limit' }, 100000] },
  },
  first_contact: {
    type: 'string',
    format: 'date',
    'x-widget': 'date',
    'x-label': t('First contact', 'First contact'),
  },
  owner: text('Owner', { minLength: 1 }),
  source: select('Source', ['web', 'referral', 'event', 'cold_call']),
  referrer: text('Referrer', {
    'x-visible': { '==': [{ var: 'source' }, 'referral'] },
  }),
  orders: {
    type: 'array',
    maxItems: 100,
    'x-widget': 'subform',
    'x-label': t('Orders', 'Orders'),
    items: {
      type: 'object',
      required: ['product', 'quantity', 'unit_price'],
      properties: {
        product: text('Product', { minLength: 1 }),
        quantity: number('Quantity', { type: 'integer', minimum: 1 }),
        unit_price: number('Unit price', { 'x-widget': 'money' }),
        amount: {
          ...number('Amount', { 'x-widget': 'money' }),
          'x-computed': { round: [{ '*': [{ var: 'quantity' }, { var: 'unit_price' }] }, 2] },
        },
      },
    },
  },
  order_total: {
    ...number('Order total', { 'x-widget': 'money' }),
    'x-computed': { round: [{ sum: [{ var: 'orders' }, 'amount'] }, 2] },
  },
  discount_pct: number('Discount %', { maximum: 100, 'x-widget': 'percent' }),
  notes: { ...text('Notes', { maxLength: 5000 }), 'x-widget': 'textarea' },
};

/** 25 top-level fields; the sub-form has 4 more. */
export const customerForm: FormDefinition = {
  key: 'customer',
  name: t('客户', 'Customer'),
  schema: { type: 'object', required: ['company', 'owner', 'region'], properties },
  layout: Object.keys(properties),
  checks: [
    {
      id: 'credit_within_revenue',
      rule: { '<=': [{ var: 'credit_limit' }, { '*': [{ var: 'annual_revenue' }, 0.5] }] },
      message: t(
        '信用额度不能超过年收入的一半',
        'The credit limit cannot exceed half the annual revenue',
      ),
      field: 'credit_limit',
    },
  ],
};

/** A valid submission, with every field the submitter may fill in. */
export const customerSubmission: JsonObject = {
  company: 'Hangzhou Yunfan Technology',
  legal_name: 'Hangzhou Yunfan Technology Co., Ltd.',
  tax_id: '91330100MA2XXXXX1',
  industry: 'manufacturing',
  tier: 'A',
  region: 'east',
  city: 'Hangzhou',
  address: '88 Wensan Road, Xihu District',
  website: 'https://yunfan.example.com',
  email: 'sales@yunfan.example.com',
  phone: '+86 571 8888 0000',
  employees: 420,
  annual_revenue: 52000000,
  credit_limit: 250000,
  payment_terms: 'net30',
  credit_reason: 'Long-standing customer with a framework agreement.',
  first_contact: '2024-03-15',
  owner: 'rep1',
  source: 'referral',
  referrer: 'Shanghai Harbor Logistics',
  orders: [
    { product: 'CRM Enterprise, 1 year', quantity: 50, unit_price: 1800 },
    { product: 'Implementation', quantity: 5, unit_price: 3000 },
    { product: 'Training day', quantity: 2, unit_price: 1500.5 },
  ],
  discount_pct: 5,
  notes: 'Prefers invoices at month end.',
};
