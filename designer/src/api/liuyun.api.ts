/** One typed function per engine route the designer uses (docs/api.md). */
import type { JsonObject } from '@liuyun/definitions';
import { request } from './http.client';
import type {
  AppSummary,
  FormRecord,
  LoginResult,
  PublishedForm,
  Task,
  TaskAction,
  TaskActionResult,
  TaskView,
  User,
} from './api.types';

const segment = encodeURIComponent;

export const api = {
  login: (username: string, password: string) =>
    request<LoginResult>('/auth/login', {
      method: 'POST',
      body: { username, password },
      anonymous: true,
    }),
  me: (signal?: AbortSignal) => request<User>('/me', { signal }),
  apps: (signal?: AbortSignal) => request<AppSummary[]>('/apps', { signal }),
  form: (formId: string, signal?: AbortSignal) =>
    request<PublishedForm>(`/forms/${segment(formId)}`, { signal }),
  submitRecord: (formId: string, data: JsonObject) =>
    request<FormRecord>(`/forms/${segment(formId)}/records`, { method: 'POST', body: { data } }),
  record: (recordId: string, signal?: AbortSignal) =>
    request<FormRecord>(`/records/${segment(recordId)}`, { signal }),
  tasks: async (view: TaskView, signal?: AbortSignal) =>
    (await request<{ items: Task[] }>(`/tasks?view=${view}`, { signal })).items,
  actOnTask: (taskId: string, action: TaskAction, comment: string) =>
    request<TaskActionResult>(`/tasks/${segment(taskId)}/actions`, {
      method: 'POST',
      body: comment === '' ? { action } : { action, comment },
    }),
};
