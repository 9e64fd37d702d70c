/** Resolves a request path to a file of the built renderer, for both hosts, refusing anything outside it. */
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** `undefined` when the path would leave the renderer folder (`..`, encoded or not). */
export function resolveRendererFile(rendererDir: string, requestPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  const root = normalize(rendererDir + sep);
  const resolved = normalize(join(root, decoded === '' ? 'index.html' : decoded));
  return resolved.startsWith(root) ? resolved : undefined;
}

export function contentTypeOf(filePath: string): string {
  return contentTypes[extname(filePath)] ?? 'application/octet-stream';
}
