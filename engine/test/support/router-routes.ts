import type { INestApplication } from '@nestjs/common';

/** One route as the running HTTP router knows it. */
export interface RouterRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route the running app's Express router answers, read from the router itself. */
export function routerRoutes(app: INestApplication): RouterRoute[] {
  const http = app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const found: RouterRoute[] = [];
  const walk = (stack: Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths)
          for (const [method, on] of Object.entries(layer.route.methods))
            if (on && method !== '_all') found.push({ method: method.toUpperCase(), path });
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(http.router.stack);
  return found;
}
