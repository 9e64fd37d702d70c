/**
 * The self-signed certificate the sandbox serves HTTPS with: valid for `localhost`, `127.0.0.1`
 * and `::1`, marked as its own CA so clients can trust it with NODE_EXTRA_CA_CERTS.
 */
export interface TlsMaterial {
  key: string;
  cert: string;
}

export async function generateCertificate(): Promise<TlsMaterial> {
  // Loaded only when HTTPS is asked for: its X.509 stack would add ~100 ms to every terminal start.
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const notAfterDate = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'Counter sandbox gateway' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
