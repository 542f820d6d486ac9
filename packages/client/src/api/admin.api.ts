import type { I18nText } from '@liuyun/definitions';
import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type {
  AdminUser,
  AdminUserFilter,
  AdminUserPage,
  CreateUserBody,
  Department,
  DepartmentBody,
  Role,
  UpdateUserBody,
  UserImportResult,
} from '../types/admin.types';

const users = endpoint<AdminUserPage>('GET', '/admin/users');
const createUser = endpoint<AdminUser>('POST', '/admin/users');
const importUsers = endpoint<UserImportResult>('POST', '/admin/users/import');
const user = endpoint<AdminUser>('GET', '/admin/users/{id}');
const updateUser = endpoint<AdminUser>('PATCH', '/admin/users/{id}');
const resetPassword = endpoint<AdminUser>('POST', '/admin/users/{id}/password');
const departments = endpoint<Department[]>('GET', '/admin/departments');
const createDepartment = endpoint<Department>('POST', '/admin/departments');
const updateDepartment = endpoint<Department>('PATCH', '/admin/departments/{id}');
const deleteDepartment = endpoint<null>('DELETE', '/admin/departments/{id}');
const roles = endpoint<Role[]>('GET', '/admin/roles');
const createRole = endpoint<Role>('POST', '/admin/roles');
const renameRole = endpoint<Role>('PATCH', '/admin/roles/{id}');
const deleteRole = endpoint<null>('DELETE', '/admin/roles/{id}');

/** Users, departments and roles (administrators). */
export const adminApi = (http: Http) => ({
  adminUsers: (filter: AdminUserFilter = {}, signal?: AbortSignal) =>
    users(http, { query: { ...filter }, signal }),
  adminUser: (id: string, signal?: AbortSignal) => user(http, { path: { id }, signal }),
  createUser: (body: CreateUserBody) => createUser(http, { body }),
  updateUser: (id: string, body: UpdateUserBody) => updateUser(http, { path: { id }, body }),
  resetPassword: (id: string, password: string) =>
    resetPassword(http, { path: { id }, body: { password } }),
  /** All or nothing: any bad row answers 400 import_invalid with one detail per problem. */
  importUsers: (csv: string) => importUsers(http, { body: { csv } }),
  departments: (signal?: AbortSignal) => departments(http, { signal }),
  createDepartment: (body: DepartmentBody & { name: string }) => createDepartment(http, { body }),
  updateDepartment: (id: string, body: DepartmentBody) =>
    updateDepartment(http, { path: { id }, body }),
  deleteDepartment: (id: string) => deleteDepartment(http, { path: { id } }),
  roles: (signal?: AbortSignal) => roles(http, { signal }),
  createRole: (key: string, name: I18nText) => createRole(http, { body: { key, name } }),
  renameRole: (id: string, name: I18nText) => renameRole(http, { path: { id }, body: { name } }),
  deleteRole: (id: string) => deleteRole(http, { path: { id } }),
});
