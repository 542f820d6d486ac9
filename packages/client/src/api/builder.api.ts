import type { AppDefinition } from '@liuyun/definitions';
import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { AppSummary } from '../types/apps.types';
import type {
  Automation,
  AutomationInput,
  AutomationRun,
  CreatedForm,
  DefinitionBody,
  FormDraft,
  FormVersionDetail,
  FormVersionList,
  LookupDepartment,
  LookupRole,
  LookupUser,
  SimulationAnswer,
  SimulationInput,
} from '../types/builder.types';

const createApp = endpoint<AppSummary>('POST', '/apps');
const createForm = endpoint<CreatedForm>('POST', '/apps/{appKey}/forms');
const draft = endpoint<FormDraft>('GET', '/forms/{formId}/draft');
const saveDraft = endpoint<FormDraft>('PUT', '/forms/{formId}/draft');
const publish = endpoint<{ formId: string; version: number }>('POST', '/forms/{formId}/versions');
const versions = endpoint<FormVersionList>('GET', '/forms/{formId}/versions');
const version = endpoint<FormVersionDetail>('GET', '/forms/{formId}/versions/{version}');
const simulate = endpoint<SimulationAnswer>('POST', '/flows/{formId}/simulate');
const users = endpoint<LookupUser[]>('GET', '/builder/users');
const roles = endpoint<LookupRole[]>('GET', '/builder/roles');
const departments = endpoint<LookupDepartment[]>('GET', '/builder/departments');
const automations = endpoint<Automation[]>('GET', '/apps/{appKey}/automations');
const createAutomation = endpoint<Automation>('POST', '/apps/{appKey}/automations');
const automation = endpoint<Automation>('GET', '/automations/{id}');
const updateAutomation = endpoint<Automation>('PUT', '/automations/{id}');
const deleteAutomation = endpoint<null>('DELETE', '/automations/{id}');
const automationRuns = endpoint<AutomationRun[]>('GET', '/automation-runs');

/** The builder: apps and forms, drafts, publishing, versions, simulation, pickers, automations. */
export const builderApi = (http: Http) => ({
  createApp: (app: AppDefinition) => createApp(http, { body: app }),
  createForm: (appKey: string, body: DefinitionBody) =>
    createForm(http, { path: { appKey }, body }),
  draft: (formId: string, signal?: AbortSignal) => draft(http, { path: { formId }, signal }),
  saveDraft: (formId: string, body: DefinitionBody) => saveDraft(http, { path: { formId }, body }),
  publish: (formId: string, body: DefinitionBody) => publish(http, { path: { formId }, body }),
  versions: (formId: string, signal?: AbortSignal) => versions(http, { path: { formId }, signal }),
  version: (formId: string, v: number, signal?: AbortSignal) =>
    version(http, { path: { formId, version: String(v) }, signal }),
  simulate: (formId: string, input: SimulationInput, signal?: AbortSignal) =>
    simulate(http, { path: { formId }, body: input, signal }),
  lookupUsers: (q = '', signal?: AbortSignal) =>
    users(http, { query: { q: q === '' ? undefined : q, limit: 200 }, signal }),
  lookupRoles: (signal?: AbortSignal) => roles(http, { signal }),
  lookupDepartments: (signal?: AbortSignal) => departments(http, { signal }),
  automations: (appKey: string, signal?: AbortSignal) =>
    automations(http, { path: { appKey }, signal }),
  createAutomation: (appKey: string, input: AutomationInput) =>
    createAutomation(http, { path: { appKey }, body: input }),
  automation: (id: string, signal?: AbortSignal) => automation(http, { path: { id }, signal }),
  updateAutomation: (id: string, input: Omit<AutomationInput, 'key'>) =>
    updateAutomation(http, { path: { id }, body: input }),
  deleteAutomation: (id: string) => deleteAutomation(http, { path: { id } }),
  automationRuns: (automationId: string, signal?: AbortSignal) =>
    automationRuns(http, { query: { automationId, limit: 20 }, signal }),
});
