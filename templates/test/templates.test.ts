import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  prepareForm,
  validateFlow,
  validateForm,
  validateTemplate,
  validateTemplateDashboards,
} from '@liuyun/definitions';
import { listTemplates, scenarioFiles, type TemplateScenario } from '../src';

const templates = listTemplates();

it('ships the CRM template with the quote form', () => {
  const crm = templates.find((t) => t.key === 'crm');
  expect(crm?.app.forms.map((f) => f.form.key)).toContain('quote');
});

it('ships the CRM dashboard over quotes and contracts', () => {
  const crm = templates.find((t) => t.key === 'crm');
  const dashboard = crm?.dashboards?.find((d) => d.key === 'quote_approvals');
  expect(dashboard?.charts.map((c) => c.id)).toEqual(
    expect.arrayContaining(['quotes_by_status', 'discount_distribution', 'approval_hours_by_node']),
  );
});

describe.each(templates.map((t) => ({ key: t.key, template: t })))(
  'template $key',
  ({ template }) => {
    it('is a valid template document', () => {
      expect(validateTemplate(template)).toEqual([]);
    });

    it('has dashboards that fit its forms', () => {
      expect(validateTemplateDashboards(template)).toEqual([]);
    });

    it.each(template.app.forms.map((f) => ({ key: f.form.key, entry: f })))(
      'form $key and its flow pass publish checks',
      ({ entry }) => {
        expect(validateForm(entry.form)).toEqual([]);
        if (entry.flow) expect(validateFlow(entry.flow, entry.form)).toEqual([]);
      },
    );

    it('has sample records that its forms accept', () => {
      for (const sample of template.samples ?? []) {
        const entry = template.app.forms.find((f) => f.form.key === sample.form);
        expect(entry).toBeDefined();
        expect(prepareForm(entry!.form).evaluate(sample.data).errors).toEqual([]);
      }
    });

    it('has scenarios that name only its forms and flow nodes', () => {
      const files = scenarioFiles(template.key);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const scenario = JSON.parse(readFileSync(file, 'utf8')) as TemplateScenario;
        const nodes = new Set(
          template.app.forms.flatMap((f) => f.flow?.nodes.map((n) => n.id) ?? []),
        );
        const forms = new Set(template.app.forms.map((f) => f.form.key));
        const automations = new Set((template.automations ?? []).map((a) => a.key));
        const named = new Set<string>();
        const known = (what: string, name: string, ok: boolean) =>
          expect({ file: basename(file), [what]: name, known: ok }).toMatchObject({ known: true });
        const record = (name: string | undefined) => {
          if (name?.startsWith('$latest:')) known('form', name.slice(8), forms.has(name.slice(8)));
          else if (name !== undefined) known('record', name, named.has(name));
        };
        for (const step of scenario.steps) {
          if ('submit' in step || 'concurrently' in step) {
            for (const s of 'submit' in step ? [step.submit] : step.concurrently) {
              known('form', s.form, forms.has(s.form));
              if (s.name) named.add(s.name);
            }
          } else if ('act' in step) {
            known('node', step.act.node, nodes.has(step.act.node));
            record(step.act.record);
          } else if ('update' in step) record(step.update.record);
          else if ('run' in step) {
            known('automation', step.run.automation, automations.has(step.run.automation));
            record(step.run.record);
          } else if ('check' in step) {
            record(step.check.record);
            if (step.check.form) known('form', step.check.form, forms.has(step.check.form));
            // A check may name the record it found, for later steps.
            if (step.check.name) named.add(step.check.name);
          }
        }
        for (const node of scenario.path ?? []) expect(nodes.has(node)).toBe(true);
      }
    });
  },
);
