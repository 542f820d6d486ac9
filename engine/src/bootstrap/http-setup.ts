import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { toEnvelope } from '../common/errors/error-envelope.filter';
import type { AppConfig } from '../config/app-config';
import { requestLimits } from '../common/validation/request-limits';

/** Largest JSON body accepted; larger ones get 413 before anything else runs. */
export const BODY_LIMIT = '1mb';
/** Largest import file (CSV or Excel). */
export const IMPORT_LIMIT = '10mb';

/**
 * Body parsing with a size limit, the built designer on `/` (with the SPA fallback),
 * and the OpenAPI document. Registered before the routes, so the API keeps `/api`.
 */
export function setupHttp(app: INestApplication, config: AppConfig): void {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  // Import files come as the raw body (CSV or Excel), up to 10 MB, on the import route only.
  http.use(
    /^\/api\/forms\/[^/]+\/imports$/,
    express.raw({
      type: [
        'text/csv',
        'application/octet-stream',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      limit: IMPORT_LIMIT,
    }),
  );
  http.use(
    '/api',
    express.json({
      limit: BODY_LIMIT,
      strict: false,
      // Inbound webhooks are signed over the exact bytes sent: keep them for /api/hooks.
      verify: (req: Request, _res, buf: Buffer) => {
        if (req.url.startsWith('/hooks/')) (req as Request & { rawBody?: Buffer }).rawBody = buf;
      },
    }),
  );
  // Body-parser failures (too large, not JSON) answer in the one error envelope.
  http.use('/api', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err === undefined || err === null) return next();
    const envelope = toEnvelope(err);
    res.status(envelope.error.status).json(envelope);
  });
  // Depth, list, text and key bounds on every parsed body, before any route runs (S2).
  http.use('/api', requestLimits);

  if (existsSync(join(config.designerDir, 'index.html'))) {
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
