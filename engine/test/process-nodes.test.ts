import { countRows } from './support/quote-fixtures';
import { edge, flow, Lab, node } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

// One scenario per node type, driven over HTTP on a real database. Timers fire through
// the job worker with a database clock (`asOf`), never by waiting.
let app: TestApp;
let lab: Lab;
let receiver: WebhookReceiver;
const hoursLater = (h: number) => new Date(Date.now() + h * 3600 * 1000);

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  receiver = await startWebhookReceiver();
  lab = new Lab(app);
  await lab.setUp();
});

afterAll(async () => {
  await app.close();
  await receiver.close();
});

const approve = { action: 'approve' };
const markDone = () => node.of('mark', 'update_record', { set: { status: 'done' } });

describe('approval modes', () => {
  it('all (会签): advances only after every approver, once', async () => {
    await lab.publish(
      flow(
        'all',
        [
          node.start(),
          node.approval('cs', ['manager1', 'director1', 'rep2'], { mode: 'all' }),
          markDone(),
          node.end(),
        ],
        [edge('start', 'cs'), edge('cs', 'mark', { outcome: 'approve' }), edge('mark', 'end')],
      ),
    );
    const r = await lab.submit('rep1', { title: 'countersign' });
    expect(await lab.openSummary(r.id)).toEqual(['cs:director1', 'cs:manager1', 'cs:rep2']);
    expect((await lab.act(r.id, 'manager1', approve)).status).toBe(200);
    expect((await lab.act(r.id, 'rep2', approve)).status).toBe(200);
    expect((await lab.record(r.id)).process?.status).toBe('running');
    expect((await lab.act(r.id, 'director1', approve)).status).toBe(200);
    const done = await lab.record(r.id);
    expect(done.process).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(done.data.status).toBe('done');
  });

  it('all (会签): one reject rejects and cancels the others', async () => {
    const r = await lab.submit('rep1', { title: 'countersign reject' });
    expect((await lab.act(r.id, 'director1', { action: 'reject', comment: 'no' })).status).toBe(
      200,
    );
    const after = await lab.record(r.id);
    expect(after.process).toMatchObject({ status: 'completed', outcome: 'rejected' });
    expect(after.tasks?.filter((t) => t.status === 'cancelled')).toHaveLength(2);
  });

  it('sequential (依次): one approver at a time, in order', async () => {
    await lab.publish(
      flow(
        'seq',
        [
          node.start(),
          node.approval('sq', ['manager1', 'director1'], { mode: 'sequential' }),
          node.end(),
        ],
        [edge('start', 'sq'), edge('sq', 'end', { outcome: 'approve' })],
      ),
    );
    const r = await lab.submit('rep1', { title: 'sequential' });
    expect(await lab.openSummary(r.id)).toEqual(['sq:manager1']);
    await lab.act(r.id, 'manager1', approve);
    expect(await lab.openSummary(r.id)).toEqual(['sq:director1']);
    await lab.act(r.id, 'director1', approve);
    expect((await lab.record(r.id)).process?.outcome).toBe('approved');
  });

  it('quorum: 2 of 3 approve and the third task is cancelled', async () => {
    await lab.publish(
      flow(
        'quorum',
        [
          node.start(),
          node.approval('q', ['manager1', 'director1', 'rep2'], {
            mode: 'quorum',
            quorum: { count: 2 },
          }),
          node.end(),
        ],
        [edge('start', 'q'), edge('q', 'end', { outcome: 'approve' })],
      ),
    );
    const r = await lab.submit('rep1', { title: 'quorum' });
    await lab.act(r.id, 'manager1', approve);
    await lab.act(r.id, 'rep2', approve);
    const after = await lab.record(r.id);
    expect(after.process?.outcome).toBe('approved');
    expect(after.tasks?.find((t) => t.assignee?.username === 'director1')?.status).toBe(
      'cancelled',
    );
  });
});

describe('fill-in and carbon copy', () => {
  it('fill: the assignee may change only the fields the node makes editable', async () => {
    await lab.publish(
      flow(
        'fill',
        [
          node.start(),
          node.of('f', 'fill', {
            assignees: [{ kind: 'user', username: 'manager1' }],
            mode: 'any',
            fieldPermissions: { notes: 'required', amount: 'readonly' },
          }),
          node.end(),
        ],
        [edge('start', 'f'), edge('f', 'end')],
      ),
    );
    const r = await lab.submit('rep1', { title: 'fill me', amount: 10 });
    const refused = await lab.act(r.id, 'manager1', { action: 'submit', data: { amount: 99999 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('field_not_editable');
    const missing = await lab.act(r.id, 'manager1', { action: 'submit' });
    expect(missing.status).toBe(400);
    expect((await lab.record(r.id)).data.amount).toBe(10);
    const ok = await lab.act(r.id, 'manager1', {
      action: 'submit',
      data: { notes: 'checked on site' },
    });
    expect(ok.status).toBe(200);
    const after = await lab.record(r.id);
    expect(after.data).toMatchObject({ notes: 'checked on site', amount: 10 });
    expect(after.process?.outcome).toBe('approved');
  });

  it('cc: a read-only copy in the recipient’s cc view while the flow goes on', async () => {
    await lab.publish(
      flow(
        'cc',
        [
          node.start(),
          node.of('copy', 'cc', { recipients: [{ kind: 'user', username: 'rep2' }] }),
          node.approval('ok', ['manager1']),
          node.end(),
        ],
        [edge('start', 'copy'), edge('copy', 'ok'), edge('ok', 'end', { outcome: 'approve' })],
      ),
    );
    const r = await lab.submit('rep1', { title: 'copy me' });
    const cc = await app.request<{ items: { recordId: string }[] }>('GET', '/api/tasks?view=cc', {
      token: await lab.token('rep2'),
    });
    expect(cc.body.items.map((t) => t.recordId)).toContain(r.id);
    const todo = await app.request<{ items: { recordId: string }[] }>(
      'GET',
      '/api/tasks?view=todo',
      { token: await lab.token('rep2') },
    );
    expect(todo.body.items.map((t) => t.recordId)).not.toContain(r.id);
    expect(await lab.openSummary(r.id)).toContain('ok:manager1');
    const ccTask = (await lab.record(r.id)).tasks!.find((t) => t.assignee?.username === 'rep2')!;
    const decide = await app.request<{ error: { code: string } }>(
      'POST',
      `/api/tasks/${ccTask.id}/actions`,
      { token: await lab.token('rep2'), body: approve },
    );
    expect(decide.status).toBe(409);
  });
});

describe('task actions', () => {
  const twoSteps = () =>
    flow(
      'two',
      [
        node.start(),
        node.approval('a1', ['manager1']),
        node.approval('a2', ['director1'], { resubmitTo: 'returner' }),
        node.end(),
      ],
      [
        edge('start', 'a1'),
        edge('a1', 'a2', { outcome: 'approve' }),
        edge('a2', 'end', { outcome: 'approve' }),
      ],
    );

  it('return: back to an earlier node, then straight back to the returner', async () => {
    await lab.publish(twoSteps());
    const r = await lab.submit('rep1', { title: 'return me' });
    await lab.act(r.id, 'manager1', approve);
    const back = await lab.act(r.id, 'director1', {
      action: 'return',
      toNodeId: 'a1',
      comment: 'more detail',
    });
    expect(back.status).toBe(200);
    expect(await lab.openSummary(r.id)).toEqual(['a1:manager1']);
    await lab.act(r.id, 'manager1', approve);
    expect(await lab.openSummary(r.id)).toEqual(['a2:director1']);
    await lab.act(r.id, 'director1', approve);
    expect((await lab.record(r.id)).process?.outcome).toBe('approved');
  });

  it('return: refuses a node that was not on the path', async () => {
    const r = await lab.submit('rep1', { title: 'bad return' });
    const res = await lab.act(r.id, 'manager1', { action: 'return', toNodeId: 'a2' });
    expect(res.status).toBe(409);
    expect(await lab.openSummary(r.id)).toEqual(['a1:manager1']);
  });

  it('transfer: the task moves to another user', async () => {
    const r = await lab.submit('rep1', { title: 'transfer me' });
    const res = await lab.act(r.id, 'manager1', { action: 'transfer', toUserId: lab.uid('rep2') });
    expect(res.status).toBe(200);
    expect(await lab.openSummary(r.id)).toEqual(['a1:rep2']);
    await lab.act(r.id, 'rep2', approve);
    expect(await lab.openSummary(r.id)).toEqual(['a2:director1']);
  });

  it('add signer after: the added signer approves before the node completes', async () => {
    const r = await lab.submit('rep1', { title: 'add signer' });
    const res = await lab.act(r.id, 'manager1', {
      action: 'add_signer',
      userIds: [lab.uid('rep2')],
      position: 'after',
    });
    expect(res.status).toBe(200);
    expect(await lab.openSummary(r.id)).toEqual(['a1:rep2']);
    await lab.act(r.id, 'rep2', approve);
    expect(await lab.openSummary(r.id)).toEqual(['a2:director1']);
  });

  it('add signer before: the signer approves first, then the actor decides', async () => {
    const r = await lab.submit('rep1', { title: 'add signer before' });
    await lab.act(r.id, 'manager1', {
      action: 'add_signer',
      userIds: [lab.uid('rep2')],
      position: 'before',
    });
    expect(await lab.openSummary(r.id)).toEqual(['a1:rep2']);
    await lab.act(r.id, 'rep2', approve);
    expect(await lab.openSummary(r.id)).toEqual(['a1:manager1']);
    await lab.act(r.id, 'manager1', approve);
    expect(await lab.openSummary(r.id)).toEqual(['a2:director1']);
  });

  it('comment and save draft change no state; batch approve decides many', async () => {
    const a = await lab.submit('rep1', { title: 'batch a' });
    const b = await lab.submit('rep1', { title: 'batch b' });
    expect(
      (await lab.act(a.id, 'manager1', { action: 'comment', comment: 'looking' })).status,
    ).toBe(200);
    expect((await lab.act(a.id, 'manager1', { action: 'save_draft', data: {} })).status).toBe(200);
    expect(await lab.openSummary(a.id)).toEqual(['a1:manager1']);
    const ids = [(await lab.taskOf(a.id, 'manager1')).id, (await lab.taskOf(b.id, 'manager1')).id];
    const res = await app.request<{ results: { status: number }[] }>(
      'POST',
      '/api/tasks/batch-actions',
      {
        token: await lab.token('manager1'),
        body: { taskIds: ids, action: 'approve', comment: 'batch' },
      },
    );
    expect(res.body.results.map((x) => x.status)).toEqual([200, 200]);
    expect(await lab.openSummary(a.id)).toEqual(['a2:director1']);
    expect(await lab.openSummary(b.id)).toEqual(['a2:director1']);
    const timeline = (await lab.record(a.id)).timeline!.map((t) => t.type);
    expect(timeline).toContain('comment');
  });

  it('withdraw: the submitter takes the process back under policy "always"', async () => {
    const f = twoSteps();
    await lab.publish({ ...f, withdrawPolicy: 'always' } as typeof f);
    const r = await lab.submit('rep1', { title: 'withdraw me' });
    const stranger = await app.request('POST', `/api/records/${r.id}/withdraw`, {
      token: await lab.token('manager1'),
    });
    expect(stranger.status).toBe(403);
    const res = await app.request('POST', `/api/records/${r.id}/withdraw`, {
      token: await lab.token('rep1'),
    });
    expect(res.status).toBe(200);
    const after = await lab.record(r.id);
    expect(after.process?.status).not.toBe('running');
    expect(await lab.openSummary(r.id)).toEqual([]);
  });

  it('withdraw: refused under policy "never"', async () => {
    const f = twoSteps();
    await lab.publish({ ...f, withdrawPolicy: 'never' } as typeof f);
    const r = await lab.submit('rep1', { title: 'keep me' });
    const res = await app.request<{ error: { code: string } }>(
      'POST',
      `/api/records/${r.id}/withdraw`,
      { token: await lab.token('rep1') },
    );
    expect(res.status).toBe(409);
    expect(await lab.openSummary(r.id)).toEqual(['a1:manager1']);
  });
});

describe('automation steps', () => {
  it('webhook: an outbox job delivered after the commit with an idempotency key', async () => {
    await lab.publish(
      flow(
        'hook',
        [
          node.start(),
          node.of('hook', 'webhook', {
            url: `${receiver.url}/crm`,
            method: 'POST',
            body: { title: { var: 'title' } },
          }),
          node.end(),
        ],
        [edge('start', 'hook'), edge('hook', 'end')],
      ),
    );
    receiver.calls.length = 0;
    const r = await lab.submit('rep1', { title: 'hook me' });
    expect(receiver.calls).toHaveLength(0);
    expect(await app.worker.drain()).toBe(1);
    expect(receiver.calls).toHaveLength(1);
    expect(JSON.parse(receiver.calls[0]!.body)).toEqual({ title: 'hook me' });
    expect(receiver.calls[0]!.headers['idempotency-key']).toMatch(
      new RegExp(`^${(await lab.record(r.id)).process!.id}:hook:`),
    );
  });

  it('notify: an in-app notification for each recipient', async () => {
    await lab.publish(
      flow(
        'notify',
        [
          node.start(),
          node.of('tell', 'notify', {
            recipients: [{ kind: 'user', username: 'rep2' }],
            message: { zh: '新申请 {{title}}', en: 'New request {{title}}' },
          }),
          node.end(),
        ],
        [edge('start', 'tell'), edge('tell', 'end')],
      ),
    );
    const r = await lab.submit('rep1', { title: 'ping' });
    const res = await app.request<{
      items: { recordId: string; message: { en: string } }[];
      unread: number;
    }>('GET', '/api/notifications', {
      token: await lab.token('rep2'),
    });
    const mine = res.body.items.find((x) => x.recordId === r.id);
    expect(mine?.message.en).toBe('New request ping');
    expect(res.body.unread).toBeGreaterThan(0);
  });

  it('create_record: writes a record of another form in the same transaction', async () => {
    await lab.publish(
      flow(
        'log',
        [
          node.start(),
          node.of('write', 'create_record', {
            form: 'log',
            mode: 'create',
            set: { message: { cat: ['request ', { var: 'title' }] }, amount: { var: 'amount' } },
          }),
          node.end(),
        ],
        [edge('start', 'write'), edge('write', 'end')],
      ),
    );
    const r = await lab.submit('rep1', { title: 'logged', amount: 42 });
    const rows: { data: { message: string; amount: number } }[] = await app.db.query(
      `SELECT r.data FROM records r JOIN forms f ON f.id = r.form_id WHERE f.key = 'log' ORDER BY r.created_at DESC LIMIT 1`,
    );
    expect(rows[0]!.data).toEqual({ message: 'request logged', amount: 42 });
    expect((await lab.record(r.id)).process?.outcome).toBe('approved');
  });

  it('subprocess: the parent waits for the child flow’s outcome', async () => {
    await lab.publish(
      flow(
        'parent',
        [
          node.start(),
          node.of('child', 'subprocess', {
            form: 'sub',
            data: { title: { var: 'title' } },
            waitForOutcome: true,
          }),
          node.end('yes'),
          node.end('no', 'rejected'),
        ],
        [
          edge('start', 'child'),
          edge('child', 'yes', { outcome: 'approve' }),
          edge('child', 'no', { outcome: 'reject' }),
        ],
      ),
    );
    const r = await lab.submit('rep1', { title: 'parent' });
    expect((await lab.record(r.id)).process?.status).toBe('running');
    const childRows: { id: string }[] = await app.db.query(
      `SELECT r.id FROM records r JOIN forms f ON f.id = r.form_id WHERE f.key = 'sub' ORDER BY r.created_at DESC LIMIT 1`,
    );
    const childId = childRows[0]!.id;
    await lab.act(childId, 'manager1', { action: 'reject' });
    expect((await lab.record(childId)).process?.outcome).toBe('rejected');
    expect((await lab.record(r.id)).process).toMatchObject({
      status: 'completed',
      outcome: 'rejected',
    });
  });
});

describe('time', () => {
  it('wait: a timer job holds the token until it is due, then the flow goes on', async () => {
    await lab.publish(
      flow(
        'wait',
        [
          node.start(),
          node.of('pause', 'wait', { duration: { hours: 2 } }),
          markDone(),
          node.end(),
        ],
        [edge('start', 'pause'), edge('pause', 'mark'), edge('mark', 'end')],
      ),
    );
    const r = await lab.submit('rep1', { title: 'wait for it' });
    const instanceId = (await lab.record(r.id)).process!.id;
    const timerStatus = async () =>
      (
        (await app.db.query(`SELECT status FROM jobs WHERE kind = 'timer' AND instance_id = $1`, [
          instanceId,
        ])) as { status: string }[]
      ).map((j) => j.status);
    // Other tests' jobs share the queue; this instance's timer is what is checked.
    await app.worker.drain();
    expect(await timerStatus()).toEqual(['pending']);
    expect((await lab.record(r.id)).process?.status).toBe('running');
    await app.worker.drain({ asOf: hoursLater(1) });
    expect(await timerStatus()).toEqual(['pending']);
    await app.worker.drain({ asOf: hoursLater(3) });
    expect(await timerStatus()).toEqual(['done']);
    const done = await lab.record(r.id);
    expect(done.process?.outcome).toBe('approved');
    expect(done.data.status).toBe('done');
    await app.worker.drain({ asOf: hoursLater(100) });
    expect((await lab.record(r.id)).timeline?.filter((t) => t.nodeId === 'mark')).toHaveLength(1);
  });

  it('deadline auto-approve: the system decides when the working hours run out', async () => {
    await lab.publish(
      flow(
        'deadline',
        [
          node.start(),
          node.approval('slow', ['manager1'], { deadline: { hours: 1, action: 'auto_approve' } }),
          node.end(),
        ],
        [edge('start', 'slow'), edge('slow', 'end', { outcome: 'approve' })],
      ),
    );
    const r = await lab.submit('rep1', { title: 'slow approver' });
    const jobs: { run_at: Date }[] = await app.db.query(
      `SELECT run_at FROM jobs WHERE kind = 'timer' AND instance_id = $1`,
      [(await lab.record(r.id)).process!.id],
    );
    expect(jobs).toHaveLength(1);
    await app.worker.drain({ asOf: hoursLater(24 * 7) });
    const after = await lab.record(r.id);
    expect(after.process?.outcome).toBe('approved');
    expect(after.tasks?.[0]?.status).not.toBe('open');
  });

  it('a timer whose task was decided first fires into nothing', async () => {
    const r = await lab.submit('rep1', { title: 'fast approver' });
    await lab.act(r.id, 'manager1', approve);
    const before = await countRows(app, 'record_events');
    await app.worker.drain({ asOf: hoursLater(24 * 7) });
    expect(await countRows(app, 'record_events')).toBe(before);
    expect((await lab.record(r.id)).process?.outcome).toBe('approved');
  });
});

describe('start triggers', () => {
  it('manual: submitting starts nothing; the start button starts the flow once', async () => {
    await lab.publish(
      flow(
        'manual',
        [
          node.of('start', 'start', { trigger: 'manual' }),
          node.approval('ok', ['manager1']),
          node.end(),
        ],
        [edge('start', 'ok'), edge('ok', 'end', { outcome: 'approve' })],
      ),
    );
    const r = await lab.submit('rep1', { title: 'by hand' });
    expect(r.process).toBeNull();
    const token = await lab.token('rep1');
    const started = await app.request<{ process: { status: string } | null }>(
      'POST',
      `/api/records/${r.id}/start`,
      { token },
    );
    expect(started.status).toBe(200);
    expect(started.body.process?.status).toBe('running');
    const again = await app.request<{ error: { code: string } }>(
      'POST',
      `/api/records/${r.id}/start`,
      { token },
    );
    expect(again.status).toBe(409);
    expect(await lab.openSummary(r.id)).toEqual(['ok:manager1']);
  });

  it('record_change: starts when a watched field changes and the condition holds', async () => {
    await lab.publish(
      flow(
        'on-change',
        [
          node.of('start', 'start', {
            trigger: 'record_change',
            watchFields: ['amount'],
            condition: { '>': [{ var: 'amount' }, 1000] },
          }),
          node.approval('big', ['director1']),
          node.end(),
        ],
        [edge('start', 'big'), edge('big', 'end', { outcome: 'approve' })],
      ),
    );
    const r = await lab.submit('rep1', { title: 'grows', amount: 10 });
    expect(r.process).toBeNull();
    const token = await lab.token('rep1');
    const edit = async (data: Record<string, unknown>) => {
      const current = await lab.record(r.id);
      return app.request('PATCH', `/api/records/${r.id}`, {
        token,
        body: { data },
        headers: { 'if-match': `"${current.version}"` },
      });
    };
    expect((await edit({ notes: 'unwatched' })).status).toBe(200);
    expect((await lab.record(r.id)).process).toBeNull();
    expect((await edit({ amount: 500 })).status).toBe(200);
    expect((await lab.record(r.id)).process).toBeNull();
    expect((await edit({ amount: 5000 })).status).toBe(200);
    expect(await lab.openSummary(r.id)).toEqual(['big:director1']);
    expect((await edit({ amount: 6000 })).status).toBe(200);
    const instances: { n: number }[] = await app.db.query(
      'SELECT count(*)::int AS n FROM process_instances WHERE record_id = $1',
      [r.id],
    );
    expect(instances[0]!.n).toBe(1);
  });
});

describe('withdrawing a parent', () => {
  it('withdraws its waiting sub-process too', async () => {
    await lab.publish({
      ...flow(
        'parent-w',
        [
          node.start(),
          node.of('child', 'subprocess', {
            form: 'sub',
            data: { title: { var: 'title' } },
            waitForOutcome: true,
          }),
          node.end('yes'),
          node.end('no', 'rejected'),
        ],
        [
          edge('start', 'child'),
          edge('child', 'yes', { outcome: 'approve' }),
          edge('child', 'no', { outcome: 'reject' }),
        ],
      ),
      withdrawPolicy: 'always',
    });
    const r = await lab.submit('rep1', { title: 'parent withdraws' });
    const child: { record_id: string }[] = await app.db.query(
      `SELECT record_id FROM process_instances WHERE parent_instance_id = $1`,
      [(await lab.record(r.id)).process!.id],
    );
    expect(child).toHaveLength(1);
    const res = await app.request('POST', `/api/records/${r.id}/withdraw`, {
      token: await lab.token('rep1'),
    });
    expect(res.status).toBe(200);
    const childView = await lab.record(child[0]!.record_id);
    expect(childView.process).toMatchObject({ status: 'completed', outcome: 'withdrawn' });
    expect(await lab.openSummary(child[0]!.record_id)).toEqual([]);
  });
});

describe('field permissions on reads', () => {
  it('an approver does not read, nor find in the timeline, a field hidden at their node', async () => {
    await lab.publish(
      flow(
        'hidden',
        [
          node.start(),
          node.of('fix', 'update_record', { set: { notes: 'internal margin 42%' } }),
          node.approval('h', ['manager1'], {
            fieldPermissions: { amount: 'hidden', notes: 'hidden', title: 'readonly' },
          }),
          node.end(),
        ],
        [edge('start', 'fix'), edge('fix', 'h'), edge('h', 'end', { outcome: 'approve' })],
      ),
    );
    const r = await lab.submit('rep1', { title: 'secret amount', amount: 999 });
    const asApprover = await app.request<{
      data: Record<string, unknown>;
      timeline: { details?: { patch?: object } }[];
    }>('GET', `/api/records/${r.id}`, { token: await lab.token('manager1') });
    expect(asApprover.status).toBe(200);
    expect(asApprover.body.data).toEqual({ title: 'secret amount' });
    expect(JSON.stringify(asApprover.body.timeline)).not.toContain('internal margin');
    const asSubmitter = await app.request<{ data: Record<string, unknown> }>(
      'GET',
      `/api/records/${r.id}`,
      { token: await lab.token('rep1') },
    );
    expect(asSubmitter.body.data).toMatchObject({ amount: 999, notes: 'internal margin 42%' });
    const list = await app.request<{ items: { id: string; data: Record<string, unknown> }[] }>(
      'GET',
      `/api/forms/${lab.formIds.get('request')}/records?limit=100`,
      { token: await lab.token('manager1') },
    );
    expect(list.body.items.find((x) => x.id === r.id)?.data).toEqual({ title: 'secret amount' });
    const sent = await lab.act(r.id, 'manager1', { action: 'approve', data: { amount: 1 } });
    expect(sent.status).toBe(400);
    expect((await lab.record(r.id)).data.amount).toBe(999);
    // S6: a read-only field sent along is refused too; nothing of the task moves.
    const readonly = await lab.act(r.id, 'manager1', {
      action: 'approve',
      data: { title: 'renamed by the approver' },
    });
    expect(readonly.status).toBe(400);
    expect(readonly.body.error?.code).toBe('field_not_editable');
    const stored = await lab.record(r.id);
    expect(stored.data).toMatchObject({ title: 'secret amount', amount: 999 });
    expect(stored.process?.status).toBe('running');
  });
});

describe('sub-form row permissions', () => {
  it('refuses added rows where the node forbids adding, allows deleting where it allows it', async () => {
    const admin = await lab.token('admin');
    const apps = await app.request<{ key: string; forms: { id: string; key: string }[] }[]>(
      'GET',
      '/api/apps',
      { token: admin },
    );
    const quoteId = apps.body
      .find((a) => a.key === 'crm')!
      .forms.find((f) => f.key === 'quote')!.id;
    const published = await app.request<{ definition: object }>('GET', `/api/forms/${quoteId}`, {
      token: admin,
    });
    const rowsFlow = flow(
      'rows',
      [
        node.start(),
        node.of('edit', 'fill', {
          assignees: [{ kind: 'user', username: 'manager1' }],
          mode: 'any',
          fieldPermissions: { items: 'editable' },
          subformRows: { items: { add: false, delete: true } },
        }),
        node.end(),
      ],
      [edge('start', 'edit'), edge('edit', 'end')],
    );
    const pub = await app.request('POST', `/api/forms/${quoteId}/versions`, {
      token: admin,
      body: { definition: published.body.definition, flow: rowsFlow },
    });
    expect(pub.status).toBe(201);
    const line = (product: string) => ({ product, quantity: 1, unit_price: 10, discount_pct: 0 });
    const created = await app.request<{ id: string }>('POST', `/api/forms/${quoteId}/records`, {
      token: await lab.token('rep1'),
      body: { data: { customer_name: 'Rows Co', items: [line('a'), line('b')], discount_pct: 0 } },
    });
    const added = await lab.act(created.body.id, 'manager1', {
      action: 'submit',
      data: { items: [line('a'), line('b'), line('c')] },
    });
    expect(added.status).toBe(400);
    expect(added.body.error?.code).toBe('subform_row_add_not_allowed');
    const removed = await lab.act(created.body.id, 'manager1', {
      action: 'submit',
      data: { items: [line('a')] },
    });
    expect(removed.status).toBe(200);
    const items = (await lab.record(created.body.id)).data.items as { product: string }[];
    expect(items.map((i) => i.product)).toEqual(['a']);
  });
});
