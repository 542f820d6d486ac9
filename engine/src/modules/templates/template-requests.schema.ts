import { RequestSchema } from '../../common/validation/request-validator';
import type {
  InstallTemplateOptions as InstallOptions,
  PublishTemplateInput,
  UpgradeInput,
} from '@liuyun/definitions';
import { SEMVER_PATTERN } from './template-version';

const i18n = {
  type: 'object',
  required: ['zh', 'en'],
  additionalProperties: false,
  properties: {
    zh: { type: 'string', minLength: 1, maxLength: 200 },
    en: { type: 'string', minLength: 1, maxLength: 200 },
  },
};
const longI18n = {
  ...i18n,
  properties: {
    zh: { type: 'string', maxLength: 2000 },
    en: { type: 'string', maxLength: 2000 },
  },
};
/** App and template keys: what the definitions accept, lower-case letters first. */
const key = { type: 'string', minLength: 2, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' };

export const publishTemplateSchema = new RequestSchema<PublishTemplateInput>({
  type: 'object',
  required: ['key', 'name', 'description', 'version'],
  additionalProperties: false,
  properties: {
    key,
    name: i18n,
    description: longI18n,
    version: { type: 'string', maxLength: 64, pattern: SEMVER_PATTERN },
    samples: { type: 'boolean', description: 'carry the app’s records as sample data' },
  },
});

export const installTemplateSchema = new RequestSchema<InstallOptions>({
  type: 'object',
  additionalProperties: false,
  properties: {
    appKey: { ...key, description: 'the new app’s key (default: the template’s)' },
    name: i18n,
    samples: { type: 'boolean', description: 'load the template’s sample records (default true)' },
  },
});

export const upgradeSchema = new RequestSchema<UpgradeInput>({
  type: 'object',
  required: ['revision'],
  additionalProperties: false,
  properties: {
    revision: { type: 'string', minLength: 1, maxLength: 64 },
    resolutions: {
      type: 'object',
      maxProperties: 10000,
      propertyNames: { maxLength: 300 },
      additionalProperties: { enum: ['mine', 'theirs'] },
    },
  },
});
