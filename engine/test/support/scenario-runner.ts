import type {
  ScenarioExpectation,
  ScenarioStep,
  ScenarioSubmit,
  TemplateScenario,
} from '@liuyun/templates';
import type { JsonObject, JsonValue } from '@liuyun/definitions';
import type { RecordView } from '../../src/modules/records/records.service';
import type { TestApp } from './test-app';

interface ErrorBody {
  error: { code: string; details?: { instancePath: string }[] };
}

const DAY = 86_400_000;

/** Whether a scenario moves its clock (it then gets an installation of its own). */
export function movesClock(scenario: TemplateScenario): boolean {
  return scenario.steps.some((s) => 'clock' in s);
}

/**
 * Replays one scenario over HTTP on a demo installation: people submit, edit, act on
 * tasks and press buttons; after every step the job queue is drained up to the
 * scenario's clock, so automations, schedules and timers run as they would.
 */
export class ScenarioRunner {
  private readonly tokens = new Map<string, string>();
  private readonly users = new Map<string, string>();
  private readonly records = new Map<string, string>();
  private formIds = new Map<string, string>();
  private automationIds = new Map<string, string>();
  private last: string | null = null;
  private offsetMs = 0;

  constructor(private readonly app: TestApp) {}

  private async token(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const token = await this.app.login(username);
    this.tokens.set(username, token);
    return token;
  }

  private async userId(username: string): Promise<string> {
    const known = this.users.get(username);
    if (known) return known;
    const rows: { id: string }[] = await this.app.db.query(
      'SELECT id FROM users WHERE username = $1',
      [username],
    );
    if (!rows[0]) throw new Error(`no user ${username}`);
    this.users.set(username, rows[0].id);
    return rows[0].id;
  }

  async prepare(): Promise<void> {
    const admin = await this.token('admin');
    const apps = await this.app.request<{ key: string; forms: { id: string; key: string }[] }[]>(
      'GET',
      '/api/apps',
      { token: admin },
    );
    this.formIds = new Map(apps.body.flatMap((a) => a.forms.map((f) => [f.key, f.id] as const)));
    const automations = await this.app.request<{ id: string; key: string }[]>(
      'GET',
      '/api/apps/crm/automations',
      { token: admin },
    );
    this.automationIds = new Map(automations.body.map((a) => [a.key, a.id] as const));
  }

  private now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  private day(offsetDays: number): string {
    return new Date(this.now().getTime() + offsetDays * DAY + 480 * 60_000)
      .toISOString()
      .slice(0, 10);
  }

  /** Replaces `$user:`, `$record:` and `$date:` strings anywhere in a value. */
  async resolve<T extends JsonValue | undefined>(value: T): Promise<T> {
    if (typeof value === 'string') {
      if (value.startsWith('$user:')) return (await this.userId(value.slice(6))) as T;
      if (value.startsWith('$record:')) return this.recordId(value.slice(8)) as T;
      if (value.startsWith('$field:')) return (await this.fieldOf(value.slice(7))) as T;
      if (value.startsWith('$latest:')) return (await this.latest(value.slice(8))) as T;
      const date = /^\$date:([+-]\d+)(?:@(\d{4}))?$/.exec(value);
      if (date) {
        const day = this.day(Number(date[1]));
        return (date[2] ? `${date[2]}${day.slice(4)}` : day) as T;
      }
      const dbDate = /^\$dbdate:([+-]\d+)$/.exec(value);
      if (dbDate) return this.day(Number(dbDate[1]) - this.offsetMs / DAY) as T;
      return value;
    }
    if (Array.isArray(value))
      return (await Promise.all(value.map((v) => this.resolve(v)))) as unknown as T;
    if (value && typeof value === 'object') {
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(value)) out[k] = await this.resolve(v);
      return out as T;
    }
    return value;
  }

  /** `<record>.<field>`: a value the server set (a serial number, a copy). */
  private async fieldOf(path: string): Promise<JsonValue> {
    const [name = '', field = ''] = path.split('.');
    const rows: { value: JsonValue }[] = await this.app.db.query(
      'SELECT data -> $2 AS value FROM records WHERE id = $1',
      [this.recordId(name), field],
    );
    return rows[0]?.value ?? null;
  }

  /** The newest record of a form (one the server made, such as a payment plan). */
  private async latest(form: string): Promise<string> {
    const rows: { id: string }[] = await this.app.db.query(
      `SELECT id FROM records WHERE form_id = $1 AND deleted_at IS NULL
        ORDER BY created_at DESC, id DESC LIMIT 1`,
      [this.formIds.get(form)],
    );
    if (!rows[0]) throw new Error(`no record of ${form} yet`);
    return rows[0].id;
  }

  /** A named record, the last one, or `$latest:<form>`. */
  private async target(name: string | undefined): Promise<string> {
    return name?.startsWith('$latest:') ? this.latest(name.slice(8)) : this.recordId(name);
  }

  private recordId(name: string | undefined): string {
    const id = name === undefined ? this.last : this.records.get(name);
    if (!id) throw new Error(`the scenario has no record ${name ?? '(last)'}`);
    return id;
  }

  private async drain(): Promise<void> {
    await this.app.worker.drain({ asOf: this.now() });
  }

  private async refused(
    res: { status: number; body: unknown },
    want: ScenarioExpectation,
  ): Promise<void> {
    expect(res.status).toBe(want.httpStatus);
    const err = res.body as ErrorBody;
    if (want.errorCode) expect(err.error.code).toBe(want.errorCode);
    const paths = (err.error.details ?? []).map((d) => d.instancePath);
    for (const p of want.errorPaths ?? []) expect(paths).toContain(p);
  }

  private async submitOne(as: string, submit: ScenarioSubmit, want?: ScenarioExpectation) {
    const formId = this.formIds.get(submit.form);
    expect({ form: submit.form, known: formId !== undefined }).toEqual({
      form: submit.form,
      known: true,
    });
    const res = await this.app.request<RecordView | ErrorBody>(
      'POST',
      `/api/forms/${formId}/records`,
      { token: await this.token(as), body: { data: await this.resolve(submit.data) } },
    );
    if (want?.httpStatus && want.httpStatus !== 201) return { res, id: null };
    expect({
      form: submit.form,
      status: res.status,
      body: res.status === 201 ? 'ok' : res.body,
    }).toEqual({
      form: submit.form,
      status: 201,
      body: 'ok',
    });
    const id = (res.body as RecordView).id;
    if (submit.name) this.records.set(submit.name, id);
    return { res, id };
  }

  async step(step: ScenarioStep): Promise<void> {
    let checked: string | null = null;
    if ('submit' in step) {
      const before = await this.app.db.query('SELECT count(*)::int AS n FROM records');
      const { res, id } = await this.submitOne(step.as, step.submit, step.expect);
      if (id === null && step.expect) {
        await this.refused(res, step.expect);
        expect(await this.app.db.query('SELECT count(*)::int AS n FROM records')).toEqual(before);
        return;
      }
      this.last = id;
      checked = id;
    } else if ('concurrently' in step) {
      const done = await Promise.all(step.concurrently.map((s) => this.submitOne(step.as, s)));
      this.last = done[done.length - 1]?.id ?? this.last;
    } else if ('withdraw' in step) {
      const res = await this.app.request(
        'POST',
        `/api/records/${this.recordId(undefined)}/withdraw`,
        {
          token: await this.token(step.as),
        },
      );
      expect(res.status).toBe(step.expect?.httpStatus ?? 200);
      checked = this.last;
    } else if ('update' in step) {
      const id = this.recordId(step.update.record);
      const token = await this.token(step.as);
      const current = await this.app.request<RecordView>('GET', `/api/records/${id}`, { token });
      expect(current.status).toBe(200);
      const res = await this.app.request('PATCH', `/api/records/${id}`, {
        token,
        body: { data: await this.resolve(step.update.data) },
        headers: { 'if-match': `"${current.body.version}"` },
      });
      if (step.expect?.httpStatus && step.expect.httpStatus !== 200) {
        await this.refused(res, step.expect);
        const after = await this.app.request<RecordView>('GET', `/api/records/${id}`, { token });
        expect(after.body.version).toBe(current.body.version);
        return;
      }
      expect({
        update: step.update,
        status: res.status,
        body: res.status === 200 ? 'ok' : res.body,
      }).toEqual({
        update: step.update,
        status: 200,
        body: 'ok',
      });
      checked = id;
    } else if ('run' in step) {
      const automationId = this.automationIds.get(step.run.automation);
      expect({ automation: step.run.automation, known: automationId !== undefined }).toEqual({
        automation: step.run.automation,
        known: true,
      });
      const id = this.recordId(step.run.record);
      const res = await this.app.request<{ runs: { runId: string | null }[] }>(
        'POST',
        `/api/automations/${automationId}/run`,
        { token: await this.token(step.as), body: { recordIds: [id] } },
      );
      if (step.expect?.httpStatus && step.expect.httpStatus !== 202) {
        await this.refused(res, step.expect);
        return;
      }
      expect(res.status).toBe(202);
      await this.drain();
      const runId = res.body.runs[0]?.runId;
      const runs: { status: string; error: unknown }[] = await this.app.db.query(
        'SELECT status, error FROM automation_runs WHERE id = $1',
        [runId],
      );
      expect({ run: step.run.automation, status: runs[0]?.status, error: runs[0]?.error }).toEqual({
        run: step.run.automation,
        status: 'succeeded',
        error: null,
      });
      checked = id;
    } else if ('clock' in step) {
      this.offsetMs += (step.clock.days ?? 0) * DAY + (step.clock.hours ?? 0) * 3_600_000;
      if (step.clock.toNext) this.offsetMs += this.untilNext(step.clock.toNext);
    } else if ('check' in step) {
      await this.drain();
      await this.checkWhere(step.check, step.expect);
      return;
    } else {
      checked = await this.target(step.act.record);
      await this.act(step, checked);
    }
    await this.drain();
    if (step.expect && checked) await this.checkRecord(checked, step.expect);
  }

  private async act(
    step: Extract<ScenarioStep, { act: unknown }>,
    recordId: string,
  ): Promise<void> {
    const token = await this.token(step.as);
    const record = await this.app.request<RecordView>('GET', `/api/records/${recordId}`, { token });
    const task = (record.body.tasks ?? []).find(
      (t) => t.status === 'open' && t.nodeId === step.act.node && t.assignee?.username === step.as,
    );
    expect({ node: step.act.node, as: step.as, found: task !== undefined }).toEqual({
      node: step.act.node,
      as: step.as,
      found: true,
    });
    const { act } = step;
    const res = await this.app.request('POST', `/api/tasks/${task!.id}/actions`, {
      token,
      body: {
        action: act.action,
        ...(act.comment ? { comment: act.comment } : {}),
        ...(act.toNode ? { toNodeId: act.toNode } : {}),
        ...(act.toUser ? { toUserId: await this.userId(act.toUser) } : {}),
        ...(act.users ? { userIds: await Promise.all(act.users.map((u) => this.userId(u))) } : {}),
        ...(act.position ? { position: act.position } : {}),
        ...(act.data ? { data: await this.resolve(act.data) } : {}),
      },
    });
    const { record: _named, ...shown } = act;
    expect({ step: shown, status: res.status }).toEqual({
      step: shown,
      status: step.expect?.httpStatus ?? 200,
    });
  }

  /** From the clock to noon (UTC+8) of the first of these `MM-DD` days still ahead. */
  private untilNext(days: string[]): number {
    const now = this.now().getTime();
    const year = Number(this.day(0).slice(0, 4));
    const ahead = [year, year + 1]
      .flatMap((y) => days.map((d) => Date.parse(`${y}-${d}T12:00:00+08:00`)))
      .filter((t) => t > now)
      .sort((a, b) => a - b);
    if (ahead[0] === undefined) throw new Error(`no day ahead among ${days.join(', ')}`);
    return ahead[0] - now;
  }

  private async checkWhere(
    target: { record?: string; form?: string; where?: JsonObject; name?: string },
    want: ScenarioExpectation,
  ): Promise<void> {
    if (target.form === undefined) {
      await this.checkRecord(this.recordId(target.record), want);
      return;
    }
    const rows: { id: string }[] = await this.app.db.query(
      `SELECT id FROM records WHERE form_id = $1 AND deleted_at IS NULL AND data @> $2::jsonb
        ORDER BY created_at, id`,
      [this.formIds.get(target.form), JSON.stringify(await this.resolve(target.where ?? {}))],
    );
    if (want.count !== undefined)
      expect({ where: target.where, count: rows.length }).toEqual({
        where: target.where,
        count: want.count,
      });
    if (target.name) {
      expect({ name: target.name, found: rows.length }).toEqual({ name: target.name, found: 1 });
      this.records.set(target.name, rows[0]!.id);
    }
    for (const row of rows) await this.checkRecord(row.id, { ...want, count: undefined });
  }

  async checkRecord(recordId: string, raw: ScenarioExpectation): Promise<RecordView> {
    const want = (await this.resolve(
      raw as unknown as JsonObject,
    )) as unknown as ScenarioExpectation;
    const res = await this.app.request<RecordView>('GET', `/api/records/${recordId}`, {
      token: await this.token('admin'),
    });
    expect(res.status).toBe(200);
    const record = res.body;
    for (const [field, value] of Object.entries(want.data ?? {})) {
      expect({ field, value: record.data[field] ?? null }).toEqual({ field, value });
    }
    if (want.process?.status) expect(record.process?.status).toBe(want.process.status);
    if (want.process?.outcome) expect(record.process?.outcome).toBe(want.process.outcome);
    if (want.openTasks) {
      const open = (record.tasks ?? [])
        .filter((t) => t.status === 'open')
        .map((t) => ({ node: t.nodeId, assignee: t.assignee?.username ?? '' }));
      const sort = (xs: { node: string; assignee: string }[]) =>
        [...xs].sort((a, b) => (a.node + a.assignee).localeCompare(b.node + b.assignee));
      expect(sort(open)).toEqual(sort(want.openTasks));
    }
    for (const [field, parts] of Object.entries(want.contains ?? {})) {
      const text = record.data[field];
      for (const part of parts)
        expect({ field, part, found: typeof text === 'string' && text.includes(part) }).toEqual({
          field,
          part,
          found: true,
        });
    }
    for (const n of want.notified ?? []) {
      const rows: { message: { zh?: string; en?: string } }[] = await this.app.db.query(
        `SELECT n.message FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE u.username = $1 AND n.record_id = $2`,
        [n.user, recordId],
      );
      const found = rows.some((r) =>
        [r.message.zh, r.message.en].some((t) => typeof t === 'string' && t.includes(n.contains)),
      );
      expect({ notified: n, found }).toEqual({ notified: n, found: true });
    }
    return record;
  }

  /** The last record submitted (the one `path` speaks of). */
  lastRecord(): string | null {
    return this.last;
  }
}
