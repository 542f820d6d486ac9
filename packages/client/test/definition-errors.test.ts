import { parseErrorEnvelope } from '../src';

describe('definition_invalid details', () => {
  it('keeps the publish-time errors with their node and edge ids beside the ajv-shaped details', () => {
    const error = parseErrorEnvelope(422, {
      error: {
        status: 422,
        code: 'definition_invalid',
        message: 'The definition has errors; nothing was published.',
        details: [
          {
            code: 'missing_assignee',
            message: 'Node "approve" has no assignees.',
            path: '/nodes/1/settings/assignees',
            nodeId: 'approve',
          },
          { code: 'dead_end', message: 'Edge leads nowhere.', path: '/edges/0', edgeId: 'e1' },
          { instancePath: '/name', keyword: 'required', message: 'must have name', params: {} },
          { code: 42, message: 'not a definition error', path: '/x' },
        ],
      },
    });
    expect(error.code).toBe('definition_invalid');
    expect(error.definitionErrors).toEqual([
      expect.objectContaining({ code: 'missing_assignee', nodeId: 'approve' }),
      expect.objectContaining({ code: 'dead_end', edgeId: 'e1' }),
    ]);
    expect(error.details.map((d) => d.instancePath)).toEqual(['/name']);
  });

  it('has none for other errors', () => {
    const error = parseErrorEnvelope(409, {
      error: { status: 409, code: 'conflict', message: 'Taken.' },
    });
    expect(error.definitionErrors).toEqual([]);
  });
});
