import type { FlowDefinition, FormDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import { RequestSchema } from '../../common/validation/request-validator';
import { UUID_PATTERN } from '../../common/validation/uuid-param';
import type { AutomationFlow, AutomationTrigger } from '../automations/automation.types';

export const EXPORT_FORMAT = 'liuyun.app-export';
export const EXPORT_FORMAT_VERSION = 1;

/**
 * One app in one JSON file: every published version of its forms and flows, the
 * working drafts, its automations, the roles its flows may name, and optionally its
 * records. Ids of forms and automations are not kept (the target makes its own);
 * record ids are, so links between records survive the move.
 */
export interface AppExportFile {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  exportedAt: string;
  app: { key: string; name: I18nText; description: I18nText | null; templateKey: string | null };
  roles: { key: string; name: I18nText }[];
  forms: ExportedForm[];
  automations: ExportedAutomation[];
  /** Present when exported with records. */
  records?: ExportedRecord[];
  /** Present when exported with files: the files those records hold, bytes included. */
  files?: ExportedFile[];
}

export interface ExportedFile {
  id: string;
  /** The exported record holding it. */
  recordId: string;
  /** The form and field it was uploaded for (null: a task comment's attachment). */
  form: string | null;
  field: string | null;
  name: string;
  type: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
  /** The bytes, base64. */
  content: string;
}

export interface ExportedForm {
  key: string;
  name: I18nText;
  position: number;
  publishedVersion: number;
  versions: {
    version: number;
    definition: FormDefinition;
    flow: FlowDefinition | null;
    publishedAt: string;
  }[];
  draft: { definition: FormDefinition; flow: FlowDefinition | null; baseVersion: number } | null;
}

export interface ExportedAutomation {
  key: string;
  name: I18nText;
  enabled: boolean;
  trigger: AutomationTrigger;
  flow: AutomationFlow;
}

export interface ExportedRecord {
  id: string;
  form: string;
  formVersion: number;
  data: JsonObject;
  /** Username of the creator; unknown users on the target become the importing admin. */
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const i18n = {
  type: 'object',
  maxProperties: 20,
  additionalProperties: { type: 'string', maxLength: 2000 },
};
const key = { type: 'string', minLength: 1, maxLength: 100 };
const time = { type: 'string', maxLength: 40 };
const document = { type: 'object' };

/** The shape of an export file; the definitions inside are checked by @liuyun/definitions. */
export const appExportSchema = new RequestSchema<AppExportFile>({
  type: 'object',
  required: ['format', 'formatVersion', 'app', 'forms'],
  additionalProperties: false,
  properties: {
    format: { const: EXPORT_FORMAT },
    formatVersion: { const: EXPORT_FORMAT_VERSION },
    exportedAt: time,
    app: {
      type: 'object',
      required: ['key', 'name'],
      additionalProperties: false,
      properties: {
        key,
        name: i18n,
        description: { anyOf: [i18n, { type: 'null' }] },
        templateKey: { type: ['string', 'null'], maxLength: 100 },
      },
    },
    roles: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['key', 'name'],
        additionalProperties: false,
        properties: { key, name: i18n },
      },
    },
    forms: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        required: ['key', 'name', 'versions'],
        additionalProperties: false,
        properties: {
          key,
          name: i18n,
          position: { type: 'integer', minimum: 0, maximum: 10000 },
          publishedVersion: { type: 'integer', minimum: 1 },
          versions: {
            type: 'array',
            minItems: 1,
            maxItems: 10000,
            items: {
              type: 'object',
              required: ['version', 'definition'],
              additionalProperties: false,
              properties: {
                version: { type: 'integer', minimum: 1 },
                definition: document,
                flow: { type: ['object', 'null'] },
                publishedAt: time,
              },
            },
          },
          draft: {
            anyOf: [
              { type: 'null' },
              {
                type: 'object',
                required: ['definition', 'baseVersion'],
                additionalProperties: false,
                properties: {
                  definition: document,
                  flow: { type: ['object', 'null'] },
                  baseVersion: { type: 'integer', minimum: 0 },
                },
              },
            ],
          },
        },
      },
    },
    automations: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['key', 'name', 'trigger', 'flow'],
        additionalProperties: false,
        properties: {
          key,
          name: i18n,
          enabled: { type: 'boolean' },
          trigger: document,
          flow: document,
        },
      },
    },
    files: {
      type: 'array',
      maxItems: 100_000,
      items: {
        type: 'object',
        required: ['id', 'recordId', 'name', 'type', 'size', 'sha256', 'content'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: UUID_PATTERN },
          recordId: { type: 'string', pattern: UUID_PATTERN },
          form: { type: ['string', 'null'], maxLength: 100 },
          field: { type: ['string', 'null'], maxLength: 200 },
          name: { type: 'string', minLength: 1, maxLength: 255 },
          type: { type: 'string', minLength: 1, maxLength: 200 },
          size: { type: 'integer', minimum: 1 },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          uploadedBy: { type: ['string', 'null'], maxLength: 200 },
          createdAt: time,
          content: { type: 'string', minLength: 1 },
        },
      },
    },
    records: {
      type: 'array',
      maxItems: 1_000_000,
      items: {
        type: 'object',
        required: ['id', 'form', 'formVersion', 'data'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: UUID_PATTERN },
          form: key,
          formVersion: { type: 'integer', minimum: 1 },
          data: document,
          createdBy: { type: ['string', 'null'], maxLength: 200 },
          createdAt: time,
          updatedAt: time,
        },
      },
    },
  },
});
