/**
 * The credentials the sandbox accepts unless it is started with others. Fixed, so training mode
 * and any client pointed at `npm run sandbox` can be configured once. They open nothing real.
 */
import type { SigningCredentials } from '../gateway/http-signature';

export const demoCredentials: Readonly<SigningCredentials> = Object.freeze({
  merchantId: 'counter_sandbox',
  keyId: '5c0a7e1d-6b2f-4d8e-9a43-0c5e7d1b2a96',
  sharedSecretBase64: 'Q291bnRlciBzYW5kYm94IHNoYXJlZCBzZWNyZXQgMDA=',
});
