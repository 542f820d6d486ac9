import type { Department, Role } from '@liuyun/client';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { useQuery, type QueryState } from '../../common/useQuery';

/** Every department (flat; parentId links make the tree). */
export function useDepartments(): QueryState<Department[]> {
  const load = useCallback((signal: AbortSignal) => api.departments(signal), []);
  return useQuery(load);
}

/** Every role. */
export function useRoles(): QueryState<Role[]> {
  const load = useCallback((signal: AbortSignal) => api.roles(signal), []);
  return useQuery(load);
}
