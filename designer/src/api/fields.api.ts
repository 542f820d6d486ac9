import type { FileRef, JsonObject, JsonValue } from '@liuyun/definitions';
import { ApiError, parseErrorEnvelope, type RequestOptions } from '@liuyun/client';
import { api } from './client';
import { readToken } from './token.store';

const request = <T>(path: string, options?: RequestOptions) => api.http.request<T>(path, options);

export interface PickerUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
}

export interface PickerDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

export interface LinkCandidate {
  id: string;
  display: JsonValue;
  copy: JsonObject;
}

export interface RelatedRow {
  id: string;
  createdAt: string;
  data: JsonObject;
}

const q = (params: Record<string, string | undefined>) => {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
};
const enc = encodeURIComponent;

/** The engine routes behind the field widgets (pickers, links, linkage, files). */
export const fieldsApi = {
  users: (formId: string, field: string, search?: string) =>
    request<{ items: PickerUser[] }>(
      `/directory/users${q({ form: formId, field, q: search })}`,
    ).then((r) => r.items),
  departments: (formId: string, field: string) =>
    request<{ items: PickerDepartment[] }>(
      `/directory/departments${q({ form: formId, field })}`,
    ).then((r) => r.items),
  /** The users behind member values (at most 200 ids; disabled users included). */
  usersById: (ids: string[]) =>
    request<{ items: PickerUser[] }>(`/directory/users${q({ ids: ids.join(',') })}`).then(
      (r) => r.items,
    ),
  /** Every department (names for department values). */
  allDepartments: () =>
    request<{ items: PickerDepartment[] }>('/directory/departments').then((r) => r.items),
  candidates: (formId: string, field: string, search?: string) =>
    request<{ items: LinkCandidate[] }>(
      `/forms/${enc(formId)}/fields/${enc(field)}/candidates${q({ q: search })}`,
    ).then((r) => r.items),
  options: (formId: string, field: string) =>
    request<{ values: JsonValue[] }>(`/forms/${enc(formId)}/fields/${enc(field)}/options`).then(
      (r) => r.values,
    ),
  linkage: (formId: string, field: string, data: JsonObject) =>
    request<{ value: JsonValue }>(`/forms/${enc(formId)}/fields/${enc(field)}/linkage`, {
      method: 'POST',
      body: { data },
    }).then((r) => r.value),
  related: (recordId: string, field: string) =>
    request<{ items: RelatedRow[] }>(`/records/${enc(recordId)}/related/${enc(field)}`).then(
      (r) => r.items,
    ),

  /** Uploads a file for a field (`form`/`field`) or, without them, for a comment. */
  async upload(
    file: Blob,
    name: string,
    target?: { formId: string; field: string },
  ): Promise<FileRef> {
    const headers: Record<string, string> = {
      'Content-Type': file.type || 'application/octet-stream',
      'X-File-Name': encodeURIComponent(name),
    };
    const token = readToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const query = target ? q({ form: target.formId, field: target.field }) : '';
    const response = await fetch(`/api/files${query}`, { method: 'POST', headers, body: file });
    const text = await response.text();
    const body: unknown = text === '' ? null : JSON.parse(text);
    if (!response.ok) throw parseErrorEnvelope(response.status, body);
    return body as FileRef;
  },

  /** A file as an object URL (the download needs the token, so no plain link). */
  async objectUrl(id: string, inline = false): Promise<string> {
    const token = readToken();
    const response = await fetch(`/api/files/${enc(id)}${inline ? '?inline=1' : ''}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    if (!response.ok)
      throw new ApiError({
        status: response.status,
        code: 'download_failed',
        message: 'download failed',
      });
    return URL.createObjectURL(await response.blob());
  },
};
