import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { toEnvelope } from '../common/errors/error-envelope.filter';
import { carryRequestContext, observeRequests } from '../common/observability/http-observer';
import type { AppConfig } from '../config/app-config';
import { FILE_LIMIT_BYTES } from '../modules/files/files.service';
import { designerHeaders } from './designer-headers';
import { requestLimits } from '../common/validation/request-limits';
import { MetricsService } from '../modules/operations/metrics.service';
import { ProcessLifecycle } from '../modules/operations/process-lifecycle.service';

/** Largest JSON body accepted; larger ones get 413 before anything else runs. */
export const BODY_LIMIT = '1mb';
/** An app export can hold its records: imports get a larger limit of their own. */
export const IMPORT_BODY_LIMIT = '100mb';
/** Largest record import file (CSV or Excel), sent as the raw body. */
export const RECORD_IMPORT_LIMIT = '10mb';

/** What a `--role=worker` process answers on its port: probes and metrics only. */
const WORKER_ROUTES = new Set(['/api/health', '/api/ready', '/metrics']);

/**
 * Request ids, latency and logs first; then body parsing with a size limit, the built
 * designer on `/` (with the SPA fallback), and the OpenAPI document. Registered before
 * the routes, so the API keeps `/api`.
 */
export function setupHttp(app: INestApplication, config: AppConfig): void {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  http.use(observeRequests(app.get(MetricsService), app.get(ProcessLifecycle)));
  if (!config.servesApi) {
    http.use((req: Request, res: Response, next: NextFunction) => {
      if (WORKER_ROUTES.has(req.path)) return next();
      res.status(404).json({
        error: {
          status: 404,
          code: 'not_served_here',
          message:
            'This process runs workers only (--role=worker); send API and designer requests to an API process.',
        },
      });
    });
  }
  // File uploads: the body is the file itself (fields' own limits are checked after).
  http.use('/api/files', express.raw({ type: () => true, limit: FILE_LIMIT_BYTES }));
  const parseJson = (limit: string) =>
    express.json({
      limit,
      strict: false,
      // Inbound webhooks are signed over the exact bytes sent: keep them for /api/hooks.
      verify: (req: Request, _res, buf: Buffer) => {
        if (req.url.startsWith('/hooks/')) (req as Request & { rawBody?: Buffer }).rawBody = buf;
      },
    });
  // Record import files come as the raw body (CSV or Excel), on their route only.
  http.use(
    /^\/api\/forms\/[^/]+\/imports$/,
    express.raw({
      type: [
        'text/csv',
        'application/octet-stream',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      limit: RECORD_IMPORT_LIMIT,
    }),
  );
  http.use('/api/apps/import', parseJson(IMPORT_BODY_LIMIT));
  http.use('/api', parseJson(BODY_LIMIT));
  // Body-parser failures (too large, not JSON) answer in the one error envelope.
  http.use('/api', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err === undefined || err === null) return next();
    const envelope = toEnvelope(err);
    res.status(envelope.error.status).json(envelope);
  });
  // Depth, list, text and key bounds on every parsed body, before any route runs (S2).
  // App imports (admins, up to 100 MB with their records) are checked by their own schema.
  http.use('/api', (req: Request, res: Response, next: NextFunction) =>
    req.path === '/apps/import' ? next() : requestLimits(req, res, next),
  );
  http.use(carryRequestContext);

  if (config.servesApi && existsSync(join(config.designerDir, 'index.html'))) {
    http.use((req: Request, res: Response, next: NextFunction) =>
      req.path.startsWith('/api') || req.path.startsWith('/metrics')
        ? next()
        : designerHeaders(req, res, next),
    );
    http.use(express.static(config.designerDir, { index: false, maxAge: '1h' }));
    http.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/metrics'))
        return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(config.designerDir, 'index.html'));
    });
  }

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Liuyun API')
      .setDescription(
        'Forms, records, processes and tasks of the Liuyun engine. Errors share one envelope: { error: { status, code, message, details? } }.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
