import { createHash } from 'node:crypto';
import { prepareForm, type FormDefinition } from '@liuyun/definitions';
import { FILE_LIMIT_BYTES } from '../files/files.service';
import { checkDefinitions } from '../apps/apps.service';
import type { AppExportFile } from './app-export.format';

/** One problem of an import file, pointing into it (JSON Pointer). */
export interface ImportProblem {
  path: string;
  code: string;
  message: string;
}

/**
 * Everything about an import file that can be checked without the database: unique
 * keys and versions, every version's form and flow by the publish-time checks, and every
 * record's data by the same form check a submission gets.
 */
export function checkImportFile(file: AppExportFile): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const formKeys = new Set<string>();
  const versionsOf = new Map<string, Map<number, FormDefinition>>();
  file.forms.forEach((form, i) => {
    const at = `/forms/${i}`;
    if (formKeys.has(form.key))
      problems.push({
        path: `${at}/key`,
        code: 'duplicate_key',
        message: `The form key "${form.key}" appears twice.`,
      });
    formKeys.add(form.key);
    const versions = new Map<number, FormDefinition>();
    form.versions.forEach((v, j) => {
      const vAt = `${at}/versions/${j}`;
      if (versions.has(v.version))
        problems.push({
          path: `${vAt}/version`,
          code: 'duplicate_version',
          message: `Version ${v.version} appears twice.`,
        });
      versions.set(v.version, v.definition);
      if ((v.definition as { key?: unknown }).key !== form.key)
        problems.push({
          path: `${vAt}/definition/key`,
          code: 'key_mismatch',
          message: `A version of form "${form.key}" must have the key "${form.key}".`,
        });
      for (const e of checkDefinitions(v.definition, v.flow ?? null))
        problems.push({ path: `${vAt}${e.path}`, code: e.code, message: e.message });
    });
    if (form.publishedVersion !== undefined && !versions.has(form.publishedVersion))
      problems.push({
        path: `${at}/publishedVersion`,
        code: 'unknown_version',
        message: `The published version ${form.publishedVersion} is not among the versions.`,
      });
    versionsOf.set(form.key, versions);
  });
  const automationKeys = new Set<string>();
  (file.automations ?? []).forEach((a, i) => {
    if (automationKeys.has(a.key))
      problems.push({
        path: `/automations/${i}/key`,
        code: 'duplicate_key',
        message: `The automation key "${a.key}" appears twice.`,
      });
    automationKeys.add(a.key);
  });
  // Records are checked against forms that passed their own checks.
  if (problems.length > 0) return problems.slice(0, 200);
  const recordIds = new Set<string>();
  const prepared = new Map<FormDefinition, ReturnType<typeof prepareForm>>();
  (file.records ?? []).forEach((r, i) => {
    const at = `/records/${i}`;
    if (recordIds.has(r.id.toLowerCase()))
      problems.push({
        path: `${at}/id`,
        code: 'duplicate_id',
        message: `The record id ${r.id} appears twice.`,
      });
    recordIds.add(r.id.toLowerCase());
    const definition = versionsOf.get(r.form)?.get(r.formVersion);
    if (!definition) {
      problems.push({
        path: `${at}/formVersion`,
        code: 'unknown_version',
        message: `Form "${r.form}" has no version ${r.formVersion} in this file.`,
      });
      return;
    }
    let plan = prepared.get(definition);
    if (!plan) {
      plan = prepareForm(definition);
      prepared.set(definition, plan);
    }
    for (const e of plan.evaluate(r.data, { allowReadonly: true }).errors.slice(0, 5))
      problems.push({
        path: `${at}/data${e.instancePath}`,
        code: 'record_invalid',
        message: e.message ?? 'is not valid',
      });
  });
  const fileIds = new Set<string>();
  (file.files ?? []).forEach((f, i) => {
    const at = `/files/${i}`;
    if (fileIds.has(f.id.toLowerCase()))
      problems.push({
        path: `${at}/id`,
        code: 'duplicate_id',
        message: `The file id ${f.id} appears twice.`,
      });
    fileIds.add(f.id.toLowerCase());
    if (!recordIds.has(f.recordId.toLowerCase()))
      problems.push({
        path: `${at}/recordId`,
        code: 'unknown_record',
        message: `The file's record ${f.recordId} is not among the records of this file.`,
      });
    if (f.form !== null && f.form !== undefined && !formKeys.has(f.form))
      problems.push({
        path: `${at}/form`,
        code: 'unknown_form',
        message: `No form "${f.form}" in this file.`,
      });
    const bytes = decodeBase64(f.content);
    if (bytes === null)
      problems.push({
        path: `${at}/content`,
        code: 'not_base64',
        message: 'The content is not base64.',
      });
    else if (
      bytes.length !== f.size ||
      createHash('sha256').update(bytes).digest('hex') !== f.sha256
    )
      problems.push({
        path: `${at}/content`,
        code: 'content_mismatch',
        message: 'The content does not match the size and sha256 given for it.',
      });
    else if (bytes.length > FILE_LIMIT_BYTES)
      problems.push({
        path: `${at}/size`,
        code: 'file_too_large',
        message: `Files may be at most ${FILE_LIMIT_BYTES} bytes.`,
      });
  });
  return problems.slice(0, 200);
}

/** Strict base64: null unless the text is exactly the encoding of some bytes. */
export function decodeBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}
