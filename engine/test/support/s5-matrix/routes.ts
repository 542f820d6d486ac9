import { quoteData } from '../quote-fixtures';
import type { Fixtures } from './fixtures';
import {
  adminOnly,
  everyone,
  HANDLED,
  OK,
  quoteForm,
  signedIn,
  theQuote,
  type MatrixRow,
} from './expectations';

const NO_ID = '00000000-0000-4000-8000-00000000abcd';
const name = (f: Fixtures, p: string) => ({ zh: f.unique(p), en: f.unique(p) });

/**
 * The S5 matrix: EVERY route of the running router (the test fails on one missing here,
 * and on a row naming no route), in the order the rows are called. Rows that consume
 * their object make a fresh one per call, so no call changes what a later row needs.
 */
export const MATRIX: Record<string, MatrixRow> = {
  // --- public -------------------------------------------------------------------
  'GET /api/health': { expect: everyone(OK) },
  'GET /api/ready': { expect: everyone(OK) },
  'POST /api/auth/login': {
    body: () => ({ username: 'matrix_nobody', password: 'matrix-pass-1' }),
    expect: everyone(OK),
  },
  'GET /metrics': { expect: { ...adminOnly(OK), anonymous: 'unauth' } },
  'GET /api/public/forms/:token': {
    params: (f) => ({ token: f.publicToken }),
    expect: everyone(OK),
  },
  'POST /api/public/forms/:token/records': {
    params: (f) => ({ token: f.publicToken }),
    body: () => ({ data: { name: 'x' }, ticket: 'not-a-ticket' }),
    expect: everyone([400, 409, 422]),
  },
  'POST /api/hooks/:automationId': {
    params: (f) => ({ automationId: f.automationId }),
    body: () => ({ hello: 'world' }),
    expect: everyone([401, 403, 404]),
  },

  // --- the caller's own things ---------------------------------------------------
  'GET /api/me': { expect: signedIn() },
  'POST /api/me/password': {
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'new-pass-123' }),
    expect: signedIn([400, 403, 422]),
  },
  'GET /api/me/workspace': { expect: signedIn() },
  'GET /api/me/preferences': { expect: signedIn() },
  'PUT /api/me/preferences': { body: () => ({ language: 'en' }), expect: signedIn(HANDLED) },
  'GET /api/notifications': { reveals: ['assignee'], expect: signedIn() },
  'GET /api/notifications/preferences': { expect: signedIn() },
  'POST /api/notifications/preferences': { body: () => ({}), expect: signedIn(HANDLED) },
  'POST /api/notifications/:id/read': {
    params: (f) => ({ id: f.notificationId }),
    expect: { ...signedIn('deny'), assignee: OK, admin: 'deny' },
  },
  'GET /api/tasks': { query: () => '?view=todo', expect: signedIn() },
  'GET /api/directory/users': { expect: signedIn() },
  'GET /api/directory/departments': { expect: signedIn() },
  'GET /api/apps': { expect: signedIn() },
  'GET /api/templates': { expect: signedIn() },
  'GET /api/calendar': { expect: signedIn() },
  'POST /api/files': {
    rawBody: () => 'matrix file',
    headers: { 'content-type': 'text/plain', 'x-file-name': 'm.txt' },
    expect: signedIn(OK),
  },
  'GET /api/files/:id': {
    params: (f) => ({ id: f.fileId }),
    reveals: ['nonAssignee', 'admin'],
    expect: { ...signedIn('deny'), nonAssignee: OK, admin: OK },
  },
  'POST /api/flows/simulate': { body: () => ({}), expect: signedIn([200, 400, 422]) },

  // --- the quote form ------------------------------------------------------------
  'GET /api/forms/:formId': { params: (f) => ({ formId: f.quoteFormId }), expect: quoteForm() },
  'GET /api/forms/:formId/records': {
    reveals: ['nonAssignee', 'assignee', 'admin'],
    params: (f) => ({ formId: f.quoteFormId }),
    expect: quoteForm(),
  },
  'GET /api/forms/:formId/records/groups': {
    params: (f) => ({ formId: f.quoteFormId }),
    query: () => '?field=status',
    expect: quoteForm(),
  },
  'GET /api/forms/:formId/export': {
    reveals: ['nonAssignee', 'assignee', 'admin'],
    params: (f) => ({ formId: f.quoteFormId }),
    query: () => '?format=csv',
    expect: quoteForm(),
  },
  'GET /api/forms/:formId/versions': {
    params: (f) => ({ formId: f.quoteFormId }),
    expect: quoteForm(),
  },
  'GET /api/forms/:formId/versions/:version': {
    params: (f) => ({ formId: f.quoteFormId, version: '1' }),
    expect: quoteForm(),
  },
  'GET /api/forms/:formId/views': {
    params: (f) => ({ formId: f.quoteFormId }),
    expect: quoteForm(),
  },
  'POST /api/forms/:formId/views': {
    params: (f) => ({ formId: f.quoteFormId }),
    body: (f) => ({ name: f.unique('view'), type: 'table', config: {} }),
    expect: quoteForm([201]),
  },
  'PUT /api/views/:id': {
    params: (f) => ({ id: f.viewId }),
    body: (f) => ({ name: f.unique('renamed'), type: 'table', config: {} }),
    expect: { ...signedIn('deny'), nonAssignee: OK },
  },
  'DELETE /api/views/:id': {
    params: async (f) => ({ id: await f.fresh.view() }),
    expect: { ...signedIn('deny'), nonAssignee: OK },
  },
  'POST /api/forms/:formId/records': {
    params: (f) => ({ formId: f.quoteFormId }),
    body: () => ({ data: quoteData(5, 'Matrix Co') }),
    expect: quoteForm([201]),
  },
  'POST /api/forms/:formId/duplicates': {
    params: (f) => ({ formId: f.quoteFormId }),
    body: () => ({ data: { customer_name: 'Matrix Co' } }),
    expect: quoteForm([200, 422]),
  },
  'GET /api/forms/:formId/fields/:field/options': {
    params: (f) => ({ formId: f.quoteFormId, field: 'status' }),
    expect: quoteForm(HANDLED),
  },
  'GET /api/forms/:formId/fields/:field/candidates': {
    reveals: ['nonAssignee', 'assignee', 'admin'],
    params: (f) => ({ formId: f.quoteFormId, field: 'customer' }),
    expect: quoteForm(),
  },
  'POST /api/forms/:formId/fields/:field/linkage': {
    params: (f) => ({ formId: f.quoteFormId, field: 'customer' }),
    body: (f) => ({ data: { customer: f.customerId } }),
    expect: quoteForm(HANDLED),
  },
  'POST /api/flows/:formId/simulate': {
    params: (f) => ({ formId: f.quoteFormId }),
    body: () => ({ data: { customer_name: 'Sim', items: [], discount_pct: 20 } }),
    expect: quoteForm([200, 400, 422]),
  },
  'POST /api/forms/:formId/imports': {
    params: (f) => ({ formId: f.quoteFormId }),
    query: () => '?format=csv',
    rawBody: () => 'customer_name\nImported Co\n',
    headers: { 'content-type': 'text/csv' },
    // Reps hold no import on quotes; managers do.
    expect: { ...quoteForm([202, 422]), nonAssignee: 'deny' },
  },
  'GET /api/imports/:id': {
    params: () => ({ id: NO_ID }),
    expect: signedIn('deny'),
  },

  // --- the quote record under approval, and its task -----------------------------
  'GET /api/records/:id': {
    reveals: ['nonAssignee', 'assignee', 'admin'],
    params: (f) => ({ id: f.quoteId }),
    expect: theQuote(),
  },
  'GET /api/records/:id/related/:field': {
    // The related list shows the quote's total and status, not its customer name.
    revealed: (f) => f.quoteId,
    reveals: ['nonAssignee', 'assignee', 'admin'],
    params: (f) => ({ id: f.customerId, field: 'quotes' }),
    expect: theQuote(),
  },
  'PATCH /api/records/:id': {
    params: async (f) => ({ id: (await f.fresh.quote()).quoteId }),
    ifMatch: true,
    body: () => ({ data: { reason: 'Matrix edit' } }),
    expect: theQuote([200, 409, 422]),
  },
  'POST /api/records/:id/start': {
    params: (f) => ({ id: f.quoteId }),
    expect: theQuote([200, 409, 422]),
  },
  'POST /api/records/:id/withdraw': {
    params: async (f) => ({ id: (await f.fresh.quote()).quoteId }),
    expect: theQuote([200, 403, 409, 422]),
  },
  'POST /api/tasks/:taskId/actions': {
    params: async (f) => ({ taskId: (await f.fresh.quote()).taskId }),
    body: () => ({ action: 'approve', comment: 'Matrix' }),
    // Only the holder: neither the submitter nor an administrator decides someone's task.
    expect: { ...theQuote(OK), nonAssignee: 'deny', admin: 'deny' },
  },
  'POST /api/tasks/batch-actions': {
    body: () => ({ taskIds: [NO_ID], action: 'approve' }),
    expect: signedIn([200, 400, 422]),
  },
  'DELETE /api/records/:id': {
    params: async (f) => ({ id: (await f.fresh.quote()).quoteId }),
    expect: theQuote([204, 409]),
  },

  // --- dashboards and automations ------------------------------------------------
  'GET /api/apps/:appKey/dashboards': { params: (f) => ({ appKey: f.appKey }), expect: signedIn() },
  'GET /api/dashboards/:id': { params: (f) => ({ id: f.dashboardId }), expect: signedIn(HANDLED) },
  'GET /api/dashboards/:id/data': {
    params: (f) => ({ id: f.dashboardId }),
    expect: signedIn(HANDLED),
  },
  'POST /api/automations/:id/run': {
    params: (f) => ({ id: f.automationId }),
    body: (f) => ({ recordIds: [f.quoteId] }),
    expect: signedIn('deny', { admin: HANDLED }),
  },
  'GET /api/forms/:formId/buttons': {
    params: (f) => ({ formId: f.quoteFormId }),
    expect: quoteForm(),
  },
  // Pressing a button runs it on a record the caller sees (a non-button automation: 4xx).
  'POST /api/automations/:id/press': {
    params: (f) => ({ id: f.automationId }),
    body: (f) => ({ recordId: f.quoteId }),
    expect: theQuote(HANDLED),
  },

  // --- builders (in the demo org: administrators) --------------------------------
  'GET /api/builder/users': { expect: adminOnly() },
  'GET /api/builder/roles': { expect: adminOnly() },
  'GET /api/builder/departments': { expect: adminOnly() },
  'GET /api/forms/:formId/draft': {
    params: (f) => ({ formId: f.labFormId }),
    expect: adminOnly(HANDLED),
  },
  'PUT /api/forms/:formId/draft': {
    params: (f) => ({ formId: f.labFormId }),
    body: () => ({ definition: {} }),
    expect: adminOnly(HANDLED),
  },
  'POST /api/forms/:formId/versions': {
    params: (f) => ({ formId: f.labFormId }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'POST /api/forms/:formId/migrations': {
    params: (f) => ({ formId: f.labFormId }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'POST /api/apps/:appKey/forms': {
    params: (f) => ({ appKey: f.labAppKey }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'GET /api/apps/:appKey/automations': {
    params: (f) => ({ appKey: f.appKey }),
    expect: adminOnly(),
  },
  'POST /api/apps/:appKey/automations': {
    params: (f) => ({ appKey: f.labAppKey }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'GET /api/automations/:id': { params: (f) => ({ id: f.automationId }), expect: adminOnly() },
  'PUT /api/automations/:id': {
    params: (f) => ({ id: f.automationId }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'DELETE /api/automations/:id': {
    params: () => ({ id: NO_ID }),
    expect: adminOnly([404]),
  },
  'POST /api/apps/:appKey/dashboards': {
    params: (f) => ({ appKey: f.labAppKey }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'GET /api/apps/:appKey/chart-forms': {
    params: (f) => ({ appKey: f.appKey }),
    expect: adminOnly(),
  },
  'POST /api/apps/:appKey/chart-preview': {
    params: (f) => ({ appKey: f.appKey }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'PUT /api/dashboards/:id': {
    params: (f) => ({ id: f.dashboardId }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'DELETE /api/dashboards/:id': { params: () => ({ id: NO_ID }), expect: adminOnly([404]) },

  // --- administrators ------------------------------------------------------------
  'GET /api/admin/users': { expect: adminOnly() },
  'POST /api/admin/users': {
    body: (f) => ({ username: f.unique('made'), displayName: 'Made', password: 'made-pass-1' }),
    expect: adminOnly([201]),
  },
  'POST /api/admin/users/import': {
    body: (f) => ({ csv: `username,displayName,password\n${f.unique('imp')},Imp,imp-pass-12\n` }),
    expect: adminOnly(HANDLED),
  },
  'GET /api/admin/users/:id': { params: (f) => ({ id: f.spareUserId }), expect: adminOnly() },
  'PATCH /api/admin/users/:id': {
    params: (f) => ({ id: f.spareUserId }),
    body: () => ({ displayName: 'Spare renamed' }),
    expect: adminOnly(),
  },
  'POST /api/admin/users/:id/password': {
    params: (f) => ({ id: f.spareUserId }),
    body: () => ({ password: 'spare-pass-2' }),
    expect: adminOnly(),
  },
  'GET /api/admin/departments': { expect: adminOnly() },
  'POST /api/admin/departments': {
    body: (f) => ({ name: f.unique('Dept') }),
    expect: adminOnly([201]),
  },
  'PATCH /api/admin/departments/:id': {
    params: (f) => ({ id: f.spareDepartmentId }),
    body: (f) => ({ name: f.unique('Renamed') }),
    expect: adminOnly(),
  },
  'DELETE /api/admin/departments/:id': {
    params: async (f) => ({ id: await f.fresh.department() }),
    expect: adminOnly(),
  },
  'GET /api/admin/roles': { expect: adminOnly() },
  'POST /api/admin/roles': {
    body: (f) => ({ key: f.unique('role'), name: name(f, 'Role') }),
    expect: adminOnly([201]),
  },
  'PATCH /api/admin/roles/:id': {
    params: (f) => ({ id: f.spareRoleId }),
    body: (f) => ({ name: name(f, 'Renamed') }),
    expect: adminOnly(),
  },
  'DELETE /api/admin/roles/:id': {
    params: async (f) => ({ id: await f.fresh.role() }),
    expect: adminOnly(),
  },
  'GET /api/apps/:appKey/permission-sets': {
    params: (f) => ({ appKey: f.appKey }),
    expect: adminOnly(),
  },
  'POST /api/apps/:appKey/permission-sets': {
    params: (f) => ({ appKey: f.appKey }),
    body: (f) => ({ key: f.unique('set'), name: name(f, 'Set'), forms: {}, assignments: [] }),
    expect: adminOnly([201]),
  },
  'GET /api/apps/:appKey/permission-sets/:id': {
    params: (f) => ({ appKey: f.appKey, id: f.spareSetId }),
    expect: adminOnly(),
  },
  'PATCH /api/apps/:appKey/permission-sets/:id': {
    params: (f) => ({ appKey: f.appKey, id: f.spareSetId }),
    body: () => ({ forms: {} }),
    expect: adminOnly(),
  },
  'DELETE /api/apps/:appKey/permission-sets/:id': {
    params: async (f) => ({ appKey: f.appKey, id: await f.fresh.permissionSet() }),
    expect: adminOnly(),
  },
  'POST /api/apps': { body: () => ({}), expect: adminOnly(HANDLED) },
  'GET /api/templates/:key': { params: () => ({ key: 'crm' }), expect: adminOnly() },
  'POST /api/templates/:key/install': {
    params: () => ({ key: 'crm' }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'GET /api/incidents': { expect: adminOnly() },
  'POST /api/incidents/:id/retry': { params: () => ({ id: NO_ID }), expect: adminOnly([404]) },
  'POST /api/admin/jobs/run': { body: () => ({}), expect: adminOnly(HANDLED) },
  'PUT /api/calendar': { body: (f) => f.calendar, expect: adminOnly(HANDLED) },
  'GET /api/automation-runs': { expect: adminOnly() },
  'GET /api/automation-runs/:id': { params: () => ({ id: NO_ID }), expect: adminOnly([404]) },
  'POST /api/automation-runs/:id/rerun': {
    params: () => ({ id: NO_ID }),
    expect: adminOnly([404]),
  },
  'GET /api/forms/:formId/public-link': {
    params: (f) => ({ formId: f.leadFormId }),
    expect: adminOnly(),
  },
  'PUT /api/forms/:formId/public-link': {
    params: (f) => ({ formId: f.leadFormId }),
    body: () => ({ enabled: true }),
    expect: adminOnly(),
  },
  'GET /api/admin/metrics': { expect: adminOnly() },
  'GET /api/apps/:appKey/export': { params: (f) => ({ appKey: f.labAppKey }), expect: adminOnly() },
  'POST /api/apps/import': { body: () => ({}), expect: adminOnly(HANDLED) },
  'POST /api/apps/:appKey/publish-template': {
    params: (f) => ({ appKey: f.labAppKey }),
    body: () => ({}),
    expect: adminOnly(HANDLED),
  },
  'GET /api/apps/:appKey/template-upgrade': {
    params: (f) => ({ appKey: f.appKey }),
    expect: adminOnly(HANDLED),
  },
  'POST /api/apps/:appKey/template-upgrade': {
    params: (f) => ({ appKey: f.appKey }),
    body: () => ({ revision: 'not-a-revision' }),
    expect: adminOnly(HANDLED),
  },
  'GET /api/audit': { query: () => '?limit=5', expect: adminOnly() },

  // --- last: ends the caller's session --------------------------------------------
  'POST /api/auth/logout': { freshToken: true, expect: signedIn() },
};
