import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { PermissionSet, PermissionSetInput } from '../types/permission-sets.types';

const list = endpoint<PermissionSet[]>('GET', '/apps/{appKey}/permission-sets');
const create = endpoint<PermissionSet>('POST', '/apps/{appKey}/permission-sets');
const one = endpoint<PermissionSet>('GET', '/apps/{appKey}/permission-sets/{id}');
const update = endpoint<PermissionSet>('PATCH', '/apps/{appKey}/permission-sets/{id}');
const remove = endpoint<void>('DELETE', '/apps/{appKey}/permission-sets/{id}');

/** Permission sets of an app (administrators). */
export const permissionSetsApi = (http: Http) => ({
  listPermissionSets: (appKey: string, signal?: AbortSignal) =>
    list(http, { path: { appKey }, signal }),
  permissionSet: (appKey: string, id: string, signal?: AbortSignal) =>
    one(http, { path: { appKey, id }, signal }),
  createPermissionSet: (appKey: string, input: PermissionSetInput) =>
    create(http, { path: { appKey }, body: input }),
  updatePermissionSet: (appKey: string, id: string, patch: Partial<PermissionSetInput>) =>
    update(http, { path: { appKey, id }, body: patch }),
  deletePermissionSet: (appKey: string, id: string) => remove(http, { path: { appKey, id } }),
});
