/**
 * @liuyun/definitions: the shapes users author (forms, flows, apps, templates), their JSON
 * Schemas, the publish-time validators with stable error codes, and the form evaluation
 * shared by the browser and the server.
 */
export * from './types';
export * from './automation.types';
export * from './template-api.types';
export {
  NODE_TYPES,
  TASK_NODE_TYPES,
  WAIT_NODE_TYPES,
  WIDGET_TYPES,
  isNodeType,
} from './node-types';

export { LIMITS } from './schemas/common.schema';
export {
  FIELD_ANNOTATION_KEYWORDS,
  FIELD_FORMATS,
  FORBIDDEN_FIELD_KEYWORDS,
  fieldSchema,
  rowFieldSchema,
  subFormSchema,
} from './schemas/field.schema';
export { formDefinitionSchema, submitCheckSchema } from './schemas/form.schema';
export { assigneeSpecSchema, nodeSettingsSchemas } from './schemas/node-settings.schema';
export { flowDefinitionSchema, flowEdgeSchema, flowNodeSchema } from './schemas/flow.schema';
export { appDefinitionSchema } from './schemas/app.schema';
export { templateDefinitionSchema } from './schemas/template.schema';

export { ajv } from './validation/ajv.instance';
export { validateDocumentSchema, type DocumentKind } from './validation/document.validators';
export { validateForm } from './validation/form.validator';
export { validateFlow } from './validation/flow.validator';
export { validateApp, validateTemplate } from './validation/app.validator';

export { prepareForm, InvalidFormError } from './form-evaluation/prepare-form';
export { subFormRowsOf } from './form-evaluation/form-scopes';
export {
  layoutPlaces,
  effectiveVisibleRule,
  type LayoutPlace,
} from './form-evaluation/layout-places';
export {
  WIDGETS,
  holdsValue,
  isMultiple,
  isServerSetWidget,
  type WidgetInfo,
  type WidgetKind,
} from './fields/widget-catalogue';
export { valueShapeOf, widgetField } from './fields/widget-field';
export { linkCopyValue, sharedColumns } from './fields/link-copy';
export { fieldDefaults, missingDefaults } from './fields/field-defaults';
export type { DefaultsContext, DefaultsUser } from './fields/field-defaults';
export { ADDRESS_SHAPE, FILE_REF_SHAPE, LOCATION_SHAPE } from './fields/value-shapes';
export { formatSerial, serialPatternProblem, serialPeriod } from './fields/serial-pattern';
export { cyclicFields, fieldDependencies, type FieldDependency } from './fields/field-dependencies';
export type { FormContext } from './fields/field-references.check';
export type {
  EvaluateOptions,
  FieldError,
  FormEvaluation,
  PreparedForm,
} from './form-evaluation/form-evaluation.types';

export type * from './dashboard.types';
export {
  DASHBOARD_LIMITS,
  chartDefinitionSchema,
  dashboardDefinitionSchema,
} from './schemas/dashboard.schema';
export {
  chartField,
  chartFields,
  chartKindOfField,
  type ChartFieldInfo,
  type ChartFieldKind,
} from './dashboard/chart-fields';
export {
  validateChart,
  validateDashboard,
  validateTemplateDashboards,
} from './validation/dashboard.validator';
