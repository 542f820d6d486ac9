/** The version suggested for the next publish: the minor after `current`, else 1.0.0. */
export function nextVersion(current: string | undefined): string {
  const m = current ? /^(\d+)\.(\d+)\.(\d+)/.exec(current) : null;
  if (!m) return '1.0.0';
  return `${m[1]}.${Number(m[2]) + 1}.0`;
}
