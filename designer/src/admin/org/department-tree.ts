import type { Department } from '@liuyun/client';

export interface DepartmentNode {
  key: string;
  value: string;
  title: string;
  department: Department;
  children: DepartmentNode[];
  disabled?: boolean;
}

/**
 * The flat list as a tree (roots first, children by name). A department whose parent is
 * missing is shown as a root, so nothing disappears. `disable` marks nodes that may not
 * be chosen (a department and those below it, when moving it).
 */
export function departmentTreeData(
  departments: Department[],
  disable?: (d: Department) => boolean,
): DepartmentNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const byParent = new Map<string | null, Department[]>();
  for (const d of departments) {
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), d]);
  }
  const build = (parent: string | null, blocked: boolean, depth: number): DepartmentNode[] =>
    depth > 100
      ? []
      : (byParent.get(parent) ?? [])
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((d) => {
            const off = blocked || (disable?.(d) ?? false);
            return {
              key: d.id,
              value: d.id,
              title: d.name,
              department: d,
              children: build(d.id, off, depth + 1),
              ...(off ? { disabled: true } : {}),
            };
          });
  return build(null, false, 0);
}

/** A department's name with the names above it: `Headquarters / Sales`. */
export function departmentPath(departments: Department[], id: string | null): string {
  if (!id) return '';
  const byId = new Map(departments.map((d) => [d.id, d]));
  const names: string[] = [];
  let at = byId.get(id);
  while (at && names.length < 100) {
    names.unshift(at.name);
    at = at.parentId ? byId.get(at.parentId) : undefined;
  }
  return names.join(' / ');
}
