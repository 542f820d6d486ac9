import type { I18nText } from '@liuyun/definitions';

/** A user as the admin pages see it (`/api/admin/users`); never a password. */
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  departmentId: string | null;
  roles: string[];
  isAdmin: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface AdminUserPage {
  items: AdminUser[];
  /** Pass as `after` for the next page (by username); null on the last. */
  nextAfter: string | null;
}

export interface AdminUserFilter {
  search?: string;
  departmentId?: string;
  /** A role key: its holders. */
  role?: string;
  limit?: number;
  after?: string;
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  /** At least 8 characters. */
  password: string;
  email?: string | null;
  departmentId?: string | null;
  roles?: string[];
  isAdmin?: boolean;
}

export interface UpdateUserBody {
  displayName?: string;
  email?: string | null;
  departmentId?: string | null;
  roles?: string[];
  isAdmin?: boolean;
  disabled?: boolean;
}

export interface UserImportResult {
  created: number;
  users: AdminUser[];
}

/** A department (`parentId` links make the tree). */
export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
  /** Active users in it. */
  memberCount: number;
}

export interface DepartmentBody {
  name?: string;
  parentId?: string | null;
  headUserId?: string | null;
}

export interface Role {
  id: string;
  /** Stable: flows and permission sets name it. */
  key: string;
  name: I18nText;
  memberCount: number;
}
