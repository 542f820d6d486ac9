import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { subFormRowsOf, type FieldSchema, type FileRef } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, badRequest, notFound } from '../../common/errors/app-error';
import { AppsService } from '../apps/apps.service';
import { AccessService } from '../access/access.service';
import { FileStorage } from './file-storage.port';
import { isAccepted, sniffImage } from './file-types';

/** Largest upload of any kind (a field's `x-files.maxSize` may lower it). */
export const FILE_LIMIT_BYTES = 20 * 1024 * 1024;

export interface StoredFile extends FileRef {
  uploadedBy: string;
  formId: string | null;
  field: string | null;
  recordId: string | null;
}

interface FileRow {
  id: string;
  name: string;
  type: string;
  size: string;
  storage_key: string;
  uploaded_by: string;
  form_id: string | null;
  field: string | null;
  record_id: string | null;
}

const FILE_WIDGETS = new Set(['attachment', 'image', 'signature']);

function toStored(row: FileRow): StoredFile {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    size: Number(row.size),
    uploadedBy: row.uploaded_by,
    formId: row.form_id,
    field: row.field,
    recordId: row.record_id,
  };
}

/** A file name as stored and shown: no path, no control characters, at most 255 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean === '' ? 'file' : clean).slice(0, 255);
}

/**
 * Uploads and downloads. A file is uploaded for a field of a form (its size and type
 * limits apply) or for a task comment; it belongs to its uploader until a submission or
 * comment takes it, and from then on to whoever may read that record.
 */
@Injectable()
export class FilesService {
  constructor(
    private readonly db: DataSource,
    private readonly storage: FileStorage,
    private readonly apps: AppsService,
    private readonly access: AccessService,
  ) {}

  /** The file field at `fieldPath` (`key` or `subForm.key`) of the form's published version. */
  async fileField(formId: string, fieldPath: string): Promise<FieldSchema> {
    const form = await this.apps.publishedForm(formId);
    const [top = '', row] = fieldPath.split('.');
    const props = form.definition.schema.properties;
    const topField = Object.hasOwn(props, top) ? props[top] : undefined;
    const rows = subFormRowsOf(topField)?.properties ?? {};
    const field = row === undefined ? topField : Object.hasOwn(rows, row) ? rows[row] : undefined;
    if (!field || !FILE_WIDGETS.has(field['x-widget'])) {
      throw badRequest('invalid_field', `"${fieldPath}" is not a file field of this form.`);
    }
    return field;
  }

  async upload(
    user: AuthUser,
    target: { formId: string; field: string } | null,
    rawName: string,
    declaredType: string,
    bytes: Buffer,
  ): Promise<FileRef> {
    const name = cleanFileName(rawName);
    let type = declaredType.split(';')[0]?.trim().toLowerCase() || 'application/octet-stream';
    if (bytes.length === 0) throw badRequest('empty_file', 'The file is empty.');
    if (bytes.length > FILE_LIMIT_BYTES)
      throw new AppError(413, 'file_too_large', `Files may be at most ${FILE_LIMIT_BYTES} bytes.`);
    if (target !== null) {
      const field = await this.fileField(target.formId, target.field);
      const widget = field['x-widget'];
      const maxSize = field['x-files']?.maxSize ?? FILE_LIMIT_BYTES;
      if (bytes.length > maxSize) {
        throw new AppError(
          413,
          'file_too_large',
          `This field takes files of at most ${maxSize} bytes.`,
          [
            {
              instancePath: '',
              keyword: 'maxSize',
              message: `at most ${maxSize} bytes`,
              params: { limit: maxSize },
            },
          ],
        );
      }
      if (widget === 'image' || widget === 'signature') {
        // The bytes decide, not the declared type: only raster images pass.
        const sniffed = sniffImage(bytes);
        if (sniffed === null)
          throw new AppError(
            415,
            'unsupported_file_type',
            'This field takes PNG, JPEG, GIF or WebP images.',
          );
        type = sniffed;
      }
      const accept = field['x-files']?.accept ?? (widget === 'attachment' ? [] : ['image/*']);
      if (accept.length > 0 && !isAccepted(accept, type, name)) {
        throw new AppError(415, 'unsupported_file_type', `This field takes ${accept.join(', ')}.`, [
          {
            instancePath: '',
            keyword: 'accept',
            message: `accepts ${accept.join(', ')}`,
            params: { accept },
          },
        ]);
      }
    }
    const id = randomUUID();
    const storageKey = randomUUID();
    await this.storage.put(storageKey, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.db.query(
      `INSERT INTO files (id, name, type, size, sha256, storage_key, uploaded_by, form_id, field)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        name,
        type,
        bytes.length,
        sha256,
        storageKey,
        user.id,
        target?.formId ?? null,
        target?.field ?? null,
      ],
    );
    return { id, name, size: bytes.length, type };
  }

  /** The files with these ids, as stored. */
  async byIds(ids: string[], m: EntityManager = this.db.manager): Promise<Map<string, StoredFile>> {
    if (ids.length === 0) return new Map();
    const rows: FileRow[] = await m.query(
      `SELECT id, name, type, size, storage_key, uploaded_by, form_id, field, record_id
         FROM files WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, toStored(r)]));
  }

  /** Hands files to a record (a submission or a comment took them). */
  async attach(m: EntityManager, recordId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await m.query(
      'UPDATE files SET record_id = $1 WHERE id = ANY($2::uuid[]) AND (record_id IS NULL OR record_id = $1)',
      [recordId, ids],
    );
  }

  /**
   * A file's bytes, for someone who may read it: its uploader while no record holds it,
   * then whoever may read the record (404 for everyone else, so ids leak nothing).
   */
  async download(user: AuthUser, id: string): Promise<{ file: StoredFile; bytes: Buffer }> {
    const visible = await this.access.scope(user, 'view');
    const rows: FileRow[] = await this.db.query(
      `SELECT f.id, f.name, f.type, f.size, f.storage_key, f.uploaded_by, f.form_id, f.field, f.record_id
         FROM files f
        WHERE f.id = $1 AND (
          $3::boolean
          OR (f.record_id IS NULL AND f.uploaded_by = $2::uuid)
          OR EXISTS (SELECT 1 FROM records r WHERE r.id = f.record_id AND ${visible.sql(2)})
        )`,
      [id, ...visible.params],
    );
    const row = rows[0];
    if (!row) throw notFound('The file');
    // A file of a field the user's permission sets hide is not theirs to read either.
    if (row.record_id && row.form_id && row.field) {
      const hidden = (await this.access.hiddenFields(user, [row.form_id])).get(row.form_id);
      if (hidden?.has(row.field.split('.')[0] ?? row.field)) throw notFound('The file');
    }
    return { file: toStored(row), bytes: await this.storage.get(row.storage_key) };
  }
}
