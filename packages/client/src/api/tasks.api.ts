import type { JsonObject } from '@liuyun/definitions';
import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { TaskActionResult } from '../types/records.types';
import type { Task, TaskAction, TaskView } from '../types/tasks.types';

const tasks = endpoint<{ items: Task[]; nextCursor: string | null }>('GET', '/tasks');
const actOnTask = endpoint<TaskActionResult>('POST', '/tasks/{taskId}/actions');

export const tasksApi = (http: Http) => ({
  tasks: async (view: TaskView, signal?: AbortSignal) =>
    (await tasks(http, { query: { view }, signal })).items,
  /** `data`: changes to the fields the task's node makes editable, sent with the decision. */
  actOnTask: (taskId: string, action: TaskAction, comment: string, data?: JsonObject) =>
    actOnTask(http, {
      path: { taskId },
      body: {
        action,
        ...(comment === '' ? {} : { comment }),
        ...(data && Object.keys(data).length > 0 ? { data } : {}),
      },
    }),
});
