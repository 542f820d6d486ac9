import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { TaskActionResult } from '../types/records.types';
import type { Task, TaskAction, TaskView } from '../types/tasks.types';

const tasks = endpoint<{ items: Task[]; nextCursor: string | null }>('GET', '/tasks');
const actOnTask = endpoint<TaskActionResult>('POST', '/tasks/{taskId}/actions');

export const tasksApi = (http: Http) => ({
  tasks: async (view: TaskView, signal?: AbortSignal) =>
    (await tasks(http, { query: { view }, signal })).items,
  actOnTask: (taskId: string, action: TaskAction, comment: string) =>
    actOnTask(http, {
      path: { taskId },
      body: comment === '' ? { action } : { action, comment },
    }),
});
