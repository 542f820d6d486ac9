import type { TemplateDefinition } from '@liuyun/definitions';
import { listTemplates } from '@liuyun/templates';
import type { EntityManager } from 'typeorm';
import { notFound } from '../../common/errors/app-error';
import { contentOf, contentRevision } from './template-content';
import { compareVersions } from './template-version';

/** One template as the gallery offers it: built in (`templates/`) or published from an app. */
export interface CatalogEntry {
  source: 'builtin' | 'published';
  definition: TemplateDefinition;
  /** The published version (semver); built-in templates answer with their revision. */
  version: string;
  revision: string;
  publishedAt: string | null;
}

interface VersionRow {
  key: string;
  version: string;
  definition: TemplateDefinition;
  revision: string;
  published_at: Date;
}

const builtins: CatalogEntry[] = listTemplates().map((definition) => {
  const revision = contentRevision(contentOf(definition));
  return { source: 'builtin', definition, version: revision, revision, publishedAt: null };
});

export const builtinKeys = (): Set<string> => new Set(builtins.map((b) => b.definition.key));

export function builtinTemplate(key: string): TemplateDefinition {
  const found = builtins.find((b) => b.definition.key === key);
  if (!found) throw notFound(`The template "${key}"`);
  return found.definition;
}

export function builtinEntry(definition: TemplateDefinition): CatalogEntry {
  const known = builtins.find((b) => b.definition === definition);
  if (known) return known;
  const revision = contentRevision(contentOf(definition));
  return { source: 'builtin', definition, version: revision, revision, publishedAt: null };
}

const toEntry = (r: VersionRow): CatalogEntry => ({
  source: 'published',
  definition: r.definition,
  version: r.version,
  revision: r.revision,
  publishedAt: r.published_at.toISOString(),
});

/** Every published version of a template, newest (highest semver) first. */
export async function publishedVersions(m: EntityManager, key: string): Promise<CatalogEntry[]> {
  const rows: VersionRow[] = await m.query(
    'SELECT key, version, definition, revision, published_at FROM template_versions WHERE key = $1',
    [key],
  );
  return rows.map(toEntry).sort((a, b) => compareVersions(b.version, a.version));
}

/** The built-in templates, then the newest version of each published one (by key). */
export async function catalog(m: EntityManager): Promise<CatalogEntry[]> {
  const rows: VersionRow[] = await m.query(
    'SELECT key, version, definition, revision, published_at FROM template_versions',
  );
  const newest = new Map<string, CatalogEntry>();
  for (const entry of rows.map(toEntry)) {
    const have = newest.get(entry.definition.key);
    if (!have || compareVersions(entry.version, have.version) > 0)
      newest.set(entry.definition.key, entry);
  }
  const published = [...newest.values()].sort((a, b) =>
    a.definition.key < b.definition.key ? -1 : 1,
  );
  return [...builtins, ...published];
}

/** The template a key names now: built in, else its newest published version. */
export async function currentEntry(m: EntityManager, key: string): Promise<CatalogEntry> {
  const builtin = builtins.find((b) => b.definition.key === key);
  if (builtin) return builtin;
  const versions = await publishedVersions(m, key);
  if (!versions[0]) throw notFound(`The template "${key}"`);
  return versions[0];
}
