import type { JsonObject } from '@liuyun/definitions';
import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { FormRecord } from '../types/records.types';

const submitRecord = endpoint<FormRecord>('POST', '/forms/{formId}/records');
const record = endpoint<FormRecord>('GET', '/records/{recordId}');

export const recordsApi = (http: Http) => ({
  submitRecord: (formId: string, data: JsonObject) =>
    submitRecord(http, { path: { formId }, body: { data } }),
  record: (recordId: string, signal?: AbortSignal) => record(http, { path: { recordId }, signal }),
});
