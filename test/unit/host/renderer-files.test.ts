import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../../main/host/host-server';
import { resolveRendererFile } from '../../../main/renderer-files';

describe('resolveRendererFile', () => {
  it('maps the empty path to index.html and assets inside the folder', () => {
    expect(resolveRendererFile('/app/dist/renderer', '')).toBe('/app/dist/renderer/index.html');
    expect(resolveRendererFile('/app/dist/renderer', 'assets/index.js')).toBe('/app/dist/renderer/assets/index.js');
  });

  it.each(['../main/host.js', '..%2Fmain%2Fhost.js', 'assets/../../secrets', '%E0%A4%A'])('refuses %j', (path) => {
    expect(resolveRendererFile('/app/dist/renderer', path)).toBeUndefined();
  });
});

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', 'localhost'])('accepts %s', (address) => expect(isLoopbackAddress(address)).toBe(true));
  it.each(['0.0.0.0', '192.168.1.10', '::', 'example.com', '128.0.0.1'])('refuses %s', (address) => expect(isLoopbackAddress(address)).toBe(false));
});
