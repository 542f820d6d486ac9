import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CRM_SEED, generateCrmSamples, type SampleDirectory } from './crm-samples/generate';
import type {
  AppFormEntry,
  DashboardDefinition,
  FlowDefinition,
  FormDefinition,
  I18nText,
  TemplateDefinition,
  TemplateRole,
  TemplateAutomation,
  TemplatePermissionSet,
  TemplateSampleRecord,
} from '@liuyun/definitions';

/** The folder holding one sub-folder per template (this package's root). */
export const TEMPLATES_DIR = resolve(__dirname, '..');

interface AppManifest {
  key: string;
  name: I18nText;
  description: I18nText;
  roles?: TemplateRole[];
  forms: string[];
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Reads one template folder: `app.json` (the manifest), `forms/<key>.form.json`,
 * `flows/<key>.flow.json` (optional), `automations/*.automation.json`, `samples/*.samples.json`
 * `dashboards/*.json` (one dashboard each, in file-name order) and
 * `permissions/*.permissions.json` (one permission set each). The engine checks
 * every form and flow with @liuyun/definitions before installing anything.
 */
export function loadTemplate(dir: string): TemplateDefinition {
  const manifest = readJson(join(dir, 'app.json')) as AppManifest;
  const forms: AppFormEntry[] = manifest.forms.map((key) => {
    const form = readJson(join(dir, 'forms', `${key}.form.json`)) as FormDefinition;
    const flowFile = join(dir, 'flows', `${key}.flow.json`);
    const entry: AppFormEntry = { form };
    if (existsSync(flowFile)) entry.flow = readJson(flowFile) as FlowDefinition;
    return entry;
  });
  const samplesDir = join(dir, 'samples');
  const samples: TemplateSampleRecord[] = existsSync(samplesDir)
    ? readdirSync(samplesDir)
        .filter((f) => f.endsWith('.samples.json'))
        .sort()
        .flatMap((f) => readJson(join(samplesDir, f)) as TemplateSampleRecord[])
    : [];
  const dashboardsDir = join(dir, 'dashboards');
  const dashboards: DashboardDefinition[] = existsSync(dashboardsDir)
    ? readdirSync(dashboardsDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => readJson(join(dashboardsDir, f)) as DashboardDefinition)
    : [];
  const automationsDir = join(dir, 'automations');
  const automations: TemplateAutomation[] = existsSync(automationsDir)
    ? readdirSync(automationsDir)
        .filter((f) => f.endsWith('.automation.json'))
        .sort()
        .map((f) => readJson(join(automationsDir, f)) as TemplateAutomation)
    : [];
  const permissionsDir = join(dir, 'permissions');
  const permissionSets: TemplatePermissionSet[] = existsSync(permissionsDir)
    ? readdirSync(permissionsDir)
        .filter((f) => f.endsWith('.permissions.json'))
        .sort()
        .map((f) => readJson(join(permissionsDir, f)) as TemplatePermissionSet)
    : [];
  const template: TemplateDefinition = {
    key: manifest.key,
    name: manifest.name,
    description: manifest.description,
    app: { key: manifest.key, name: manifest.name, description: manifest.description, forms },
    samples,
  };
  if (manifest.roles) template.roles = manifest.roles;
  if (dashboards.length > 0) template.dashboards = dashboards;
  if (automations.length > 0) template.automations = automations;
  if (permissionSets.length > 0) template.permissionSets = permissionSets;
  return template;
}

/** Every template shipped in this package, by folder. */
export function listTemplates(): TemplateDefinition[] {
  return readdirSync(TEMPLATES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(TEMPLATES_DIR, d.name, 'app.json')))
    .map((d) => loadTemplate(join(TEMPLATES_DIR, d.name)));
}

/** The folder of each template's scenario files (replayed end to end by the engine's tests). */
export function scenarioFiles(templateKey: string): string[] {
  const dir = join(TEMPLATES_DIR, templateKey, 'scenarios');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.scenario.json'))
    .sort()
    .map((f) => join(dir, f));
}

export type {
  ScenarioExpectation,
  ScenarioStep,
  ScenarioSubmit,
  TemplateScenario,
} from './scenario.types';

/**
 * Sample records a template generates at install time (records of the past, relative to
 * `now`, owned by the users and departments of `directory`); none for most templates.
 */
export function generatedSamples(
  templateKey: string,
  options: { now: Date; directory: SampleDirectory },
): TemplateSampleRecord[] {
  return templateKey === 'crm' ? generateCrmSamples({ seed: DEFAULT_CRM_SEED, ...options }) : [];
}

export {
  CRM_SAMPLE_COUNTS,
  DEFAULT_CRM_SEED,
  generateCrmSamples,
  type CrmSampleOptions,
  type SampleDirectory,
} from './crm-samples/generate';
