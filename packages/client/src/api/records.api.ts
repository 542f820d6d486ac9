import type { JsonObject } from '@liuyun/definitions';
import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { AutomationRun } from '../types/builder.types';
import type { FormRecord, RecordButton } from '../types/records.types';

const submitRecord = endpoint<FormRecord>('POST', '/forms/{formId}/records');
const record = endpoint<FormRecord>('GET', '/records/{recordId}');
const formButtons = endpoint<RecordButton[]>('GET', '/forms/{formId}/buttons');
const pressButton = endpoint<AutomationRun>('POST', '/automations/{automationId}/press');

export const recordsApi = (http: Http) => ({
  submitRecord: (formId: string, data: JsonObject) =>
    submitRecord(http, { path: { formId }, body: { data } }),
  record: (recordId: string, signal?: AbortSignal) => record(http, { path: { recordId }, signal }),
  /** The buttons of a form's record page (its manual automations). */
  formButtons: (formId: string, signal?: AbortSignal) =>
    formButtons(http, { path: { formId }, signal }),
  /** Presses a button on one record: the run, or an ApiError with the refusal. */
  pressButton: (automationId: string, recordId: string) =>
    pressButton(http, { path: { automationId }, body: { recordId } }),
});
