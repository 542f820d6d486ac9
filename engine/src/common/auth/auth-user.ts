/** The signed-in user as routes see it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
  isAdmin: boolean;
}
