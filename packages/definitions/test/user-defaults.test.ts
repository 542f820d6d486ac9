import {
  missingDefaults,
  validateForm,
  type DefaultsUser,
  type FieldSchema,
  type FormDefinition,
} from '../src';

const label = { zh: 'x', en: 'x' };
const member: FieldSchema = {
  type: 'string',
  format: 'uuid',
  maxLength: 36,
  'x-widget': 'member',
  'x-label': label,
};
const department: FieldSchema = { ...member, 'x-widget': 'department' };
const text: FieldSchema = { type: 'string', maxLength: 100, 'x-widget': 'text', 'x-label': label };

const form: FormDefinition = {
  key: 'deal',
  name: label,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      owner: { ...member, 'x-default': { var: '$user.id' } },
      team: { ...department, 'x-default': { var: '$user.departmentId' } },
      // Reads the default filled just above it (layout order), and the clock.
      note: {
        ...text,
        'x-default': { cat: [{ var: '$user.displayName' }, ' @ ', { var: 'team' }] },
      },
      stage: { ...text, default: 'new' },
      opened: {
        ...text,
        format: 'date',
        'x-widget': 'date',
        'x-default': { substr: [{ now: [] }, 0, 10] },
      },
    },
  },
  layout: ['owner', 'team', 'note', 'stage', 'opened'],
};

const rep: DefaultsUser = {
  id: '11111111-1111-4111-8111-111111111111',
  username: 'rep1',
  displayName: 'Rep One',
  departmentId: '22222222-2222-4222-8222-222222222222',
  roles: ['sales_rep'],
};
const now = '2026-03-04T05:06:07.000Z';

describe('default values with $user', () => {
  it('publishes: $user is known to default rules', () => {
    expect(validateForm(form)).toEqual([]);
  });

  it('fills the signed-in person, their department, rules over earlier defaults, fixed defaults', () => {
    expect(missingDefaults(form, {}, { now, user: rep })).toEqual({
      owner: rep.id,
      team: rep.departmentId,
      note: `Rep One @ ${rep.departmentId}`,
      stage: 'new',
      opened: '2026-03-04',
    });
  });

  it('keeps what was sent: only absent or null fields get a default', () => {
    const other = '33333333-3333-4333-8333-333333333333';
    expect(missingDefaults(form, { owner: other, stage: null }, { now, user: rep })).toEqual({
      team: rep.departmentId,
      note: `Rep One @ ${rep.departmentId}`,
      stage: 'new',
      opened: '2026-03-04',
    });
  });

  it('without a person, $user rules give no default (a process or public submission)', () => {
    expect(missingDefaults(form, {}, { now, user: null })).toEqual({
      note: ' @ ',
      stage: 'new',
      opened: '2026-03-04',
    });
  });
});
