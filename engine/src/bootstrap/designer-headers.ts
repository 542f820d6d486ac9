import type { NextFunction, Request, Response } from 'express';

/**
 * The Content-Security-Policy of the designer (S9): scripts only from the engine's own
 * origin, never inline, so a payload stored in user data that slipped into the page could
 * not run. `'unsafe-eval'` stays for the JSON Schema validator (Ajv compiles a form's
 * schema to a function in the browser); styles may be inline because Ant Design writes
 * its CSS-in-JS into <style> elements.
 */
export const DESIGNER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers on every designer response (the page and its assets). */
export function designerHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', DESIGNER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
}
