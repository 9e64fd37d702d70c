// The vendor SDK (cybersource-rest-client) as a peer of the sandbox, run in its own Node process
// so that NODE_EXTRA_CA_CERTS (read at process start) makes it trust the sandbox's certificate.
// Input: one JSON job as argv[2]. Output: one JSON line on stdout.
const { default: cybersource } = await import('cybersource-rest-client');

const job = JSON.parse(process.argv[2] ?? '{}');
const config = {
  authenticationType: 'http_signature',
  runEnvironment: job.host,
  merchantID: job.credentials.merchantId,
  merchantKeyId: job.credentials.keyId,
  merchantsecretKey: job.credentials.sharedSecretBase64,
  logConfiguration: { enableLog: false },
};

/** The SDK's own headers for a request, with the clock fixed at `dateMs`. */
function signedHeaders({ method, path, body, dateMs }) {
  const realNow = Date.now;
  Date.now = () => dateMs;
  try {
    const apiClient = new cybersource.ApiClient();
    apiClient.setConfiguration(config);
    const headers = {};
    apiClient.callAuthenticationHeader(method, path, body, headers, false);
    return { host: headers.host, date: headers.date, digest: headers.digest, 'v-c-merchant-id': headers['v-c-merchant-id'], signature: headers.signature };
  } finally {
    Date.now = realNow;
  }
}

/** Calls an SDK operation; resolves with the HTTP status and the raw JSON text either way. */
function call(api, operation, ...args) {
  return new Promise((resolve) => {
    api[operation](...args, (error, _data, response) => {
      if (error) resolve({ status: error.status ?? 0, text: error.response?.text ?? String(error.message ?? error) });
      else resolve({ status: response.status, text: response.text });
    });
  });
}

async function flow() {
  const apiClient = new cybersource.ApiClient();
  const payments = new cybersource.PaymentsApi(config, apiClient);
  const captures = new cybersource.CaptureApi(config, apiClient);
  const refunds = new cybersource.RefundApi(config, apiClient);
  const reversals = new cybersource.ReversalApi(config, apiClient);
  const voids = new cybersource.VoidApi(config, apiClient);
  const details = new cybersource.TransactionDetailsApi(config, apiClient);
  const results = {};
  const card = { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031', securityCode: '123' };
  const amount = (totalAmount) => ({ amountDetails: { totalAmount, currency: 'USD' } });

  results.authorization = await call(payments, 'createPayment', {
    clientReferenceInformation: { code: 'sdk-1', transactionId: `sdk-auth-${job.nonce}` },
    processingInformation: { authorizationOptions: { authIndicator: '0' }, industryDataType: 'lodging' },
    paymentInformation: { card },
    orderInformation: amount('100.00'),
  });
  const authorizationId = JSON.parse(results.authorization.text).id;
  results.increment = await call(payments, 'incrementAuth', authorizationId, {
    clientReferenceInformation: { code: 'sdk-1' },
    orderInformation: { amountDetails: { additionalAmount: '20.00', currency: 'USD' } },
  });
  results.capture = await call(captures, 'capturePayment', { clientReferenceInformation: { code: 'sdk-1' }, orderInformation: amount('120.00') }, authorizationId);
  const captureId = JSON.parse(results.capture.text).id;
  results.refund = await call(refunds, 'refundCapture', { orderInformation: amount('20.00') }, captureId);
  results.transaction = await call(details, 'getTransaction', authorizationId);
  // The terminal's own search body, sent through the SDK's CreateSearchRequest.
  results.search = await call(new cybersource.SearchTransactionsApi(config, apiClient), 'createSearch', job.searchBody);

  results.sale = await call(payments, 'createPayment', { processingInformation: { capture: true }, paymentInformation: { card }, orderInformation: amount('15.00') });
  results.voidSale = await call(voids, 'voidPayment', { clientReferenceInformation: { code: 'sdk-void' } }, JSON.parse(results.sale.text).id);

  const pending = `sdk-timeout-${job.nonce}`;
  results.lostAuthorization = await call(payments, 'createPayment', {
    clientReferenceInformation: { code: 'sdk-2', transactionId: pending },
    paymentInformation: { card },
    orderInformation: amount('30.00'),
  });
  results.timeoutReversal = await call(reversals, 'mitReversal', {
    clientReferenceInformation: { code: 'sdk-2', transactionId: pending },
    reversalInformation: { amountDetails: { totalAmount: '30.00' } },
    orderInformation: { amountDetails: { currency: 'USD' } },
  });
  results.declined = await call(payments, 'createPayment', { paymentInformation: { card }, orderInformation: amount('1000.20') });
  results.invalid = await call(payments, 'createPayment', { paymentInformation: { card: { ...card, number: '4111111111111112' } }, orderInformation: amount('5.00') });
  return results;
}

try {
  const result = job.op === 'headers' ? job.requests.map(signedHeaders) : await flow();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ crashed: String(error?.stack ?? error) })}\n`);
  process.exitCode = 1;
}
