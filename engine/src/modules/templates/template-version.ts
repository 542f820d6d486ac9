/** Semantic versions (`1.2.3`, `2.0.0-beta.1`): the pattern requests are checked with. */
export const SEMVER_PATTERN =
  '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$';

const semver = new RegExp(SEMVER_PATTERN);

function parts(v: string): { core: number[]; pre: string[] } {
  if (!semver.test(v)) throw new Error(`not a semantic version: ${v}`);
  const [core, pre] = v.split(/-(.*)/s) as [string, string | undefined];
  return { core: core.split('.').map(Number), pre: pre ? pre.split('.') : [] };
}

/** Negative when a < b, positive when a > b, 0 when equal (semver precedence). */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i]! - y.core[i]!;
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^[0-9]+$/.test(p);
    const qn = /^[0-9]+$/.test(q);
    if (pn && qn) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}
