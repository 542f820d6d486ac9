export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface User extends UserRef {
  departmentId: string | null;
  roles: string[];
  isAdmin: boolean;
}

export interface LoginResult {
  token: string;
  user: User;
}
