import { declaredEndpoints } from '@liuyun/client';
import { startTestApp, type TestApp } from './support/test-app';

type OpenApiPaths = Record<string, Record<string, unknown>>;

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

/** `/forms/{formId}/records` and `/forms/{id}/records` are the same route. */
const shape = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');

describe('the typed client (packages/client)', () => {
  it('calls only routes the engine documents, with the method it documents', async () => {
    const res = await app.request<{ paths: OpenApiPaths }>('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    const documented = new Set(
      Object.entries(res.body.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${shape(path)}`),
      ),
    );
    const declared = declaredEndpoints().map((e) => `${e.method} ${shape(`/api${e.path}`)}`);
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((route) => !documented.has(route))).toEqual([]);
  });
});
