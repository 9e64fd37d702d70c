/**
 * The gateway's JSON responses as zod schemas: only the fields the terminal reads. Payment
 * responses ignore every other field (stripping is also the fast path: nothing unknown is
 * copied), so fields the gateway adds later never break parsing; a lookup keeps them all.
 */
import { z } from 'zod';

/** Amounts arrive as decimal strings ("102.21"); some gateways send a bare number for zero. */
const AmountText = z.union([z.string().regex(/^\s*\d+(?:\.\d*)?\s*$/), z.number().nonnegative().transform((n) => String(n))]);

const AmountDetails = z.object({
  totalAmount: AmountText.optional(),
  authorizedAmount: AmountText.optional(),
  currency: z.string().optional(),
});

const ErrorDetail = z.object({ field: z.string().optional(), reason: z.string().optional() });

const ErrorInformation = z.object({
  reason: z.string().optional(),
  message: z.string().optional(),
  details: z.array(ErrorDetail).optional(),
});

const ProcessorInformation = z.object({
  approvalCode: z.string().optional(),
  transactionId: z.string().optional(),
  networkTransactionId: z.string().optional(),
  responseCode: z.string().optional(),
});

const ResponseInsights = z.object({ categoryCode: z.string().optional(), category: z.string().optional() });

const InstrumentIdentifier = z.object({ id: z.string(), state: z.string().optional() });

/** Statuses the terminal knows how to act on; anything else is an unknown outcome. */
export const paymentStatuses = [
  'AUTHORIZED',
  'PARTIAL_AUTHORIZED',
  'AUTHORIZED_PENDING_REVIEW',
  'AUTHORIZED_RISK_DECLINED',
  'DECLINED',
  'INVALID_REQUEST',
  'PENDING',
  'TRANSMITTED',
  'COMPLETED',
  'REVERSED',
  'VOIDED',
  'CANCELLED',
  'FAILED',
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** Any 2xx from /pts/v2: payments, captures, reversals, voids, refunds, credits, incremental authorizations. */
export const PaymentResponse = z.object({
  id: z.string().min(1).optional(),
  status: z.enum(paymentStatuses),
  submitTimeUtc: z.string().optional(),
  reconciliationId: z.string().optional(),
  clientReferenceInformation: z.object({ code: z.string().optional(), transactionId: z.string().optional() }).optional(),
  orderInformation: z.object({ amountDetails: AmountDetails.optional() }).optional(),
  processorInformation: ProcessorInformation.optional(),
  errorInformation: ErrorInformation.optional(),
  paymentInsightsInformation: z.object({ responseInsights: ResponseInsights.optional() }).optional(),
  paymentInformation: z
    .object({
      accountFeatures: z.object({ balanceAmount: AmountText.optional(), currency: z.string().optional() }).optional(),
      instrumentIdentifier: InstrumentIdentifier.optional(),
    })
    .optional(),
  tokenInformation: z
    .object({ instrumentidentifierNew: z.boolean().optional(), instrumentIdentifier: InstrumentIdentifier.optional() })
    .optional(),
  reversalAmountDetails: z.object({ reversedAmount: AmountText.optional(), currency: z.string().optional() }).optional(),
  voidAmountDetails: z.object({ voidAmount: AmountText.optional(), currency: z.string().optional() }).optional(),
  creditAmountDetails: z.object({ creditAmount: AmountText.optional(), currency: z.string().optional() }).optional(),
  refundAmountDetails: z.object({ refundAmount: AmountText.optional(), currency: z.string().optional() }).optional(),
  // A 201 with INVALID_REQUEST may carry its problem at the top level, like a 400.
  reason: z.string().optional(),
  message: z.string().optional(),
  details: z.array(ErrorDetail).optional(),
});
export type PaymentResponse = z.infer<typeof PaymentResponse>;

/** 400 (and 404): the problem at the top level, or under errorInformation. */
export const ErrorResponse = z.object({
  status: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  details: z.array(ErrorDetail).optional(),
  errorInformation: ErrorInformation.optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** GET /tss/v2/transactions/{id}. */
export const TransactionResponse = z.looseObject({
  id: z.string().min(1),
  submitTimeUTC: z.string().optional(),
  status: z.string().optional(),
  applicationInformation: z
    .looseObject({
      status: z.string().optional(),
      reasonCode: z.union([z.string(), z.number()]).optional(),
      applications: z.array(z.looseObject({ name: z.string().optional(), status: z.string().optional(), rFlag: z.string().optional() })).optional(),
    })
    .optional(),
  clientReferenceInformation: z.looseObject({ code: z.string().optional(), transactionId: z.string().optional() }).optional(),
  orderInformation: z.looseObject({ amountDetails: AmountDetails.loose().optional() }).optional(),
});
export type TransactionResponse = z.infer<typeof TransactionResponse>;

/** Codes the gateway documents as strings but that some responses carry as numbers. */
const CodeText = z.union([z.string(), z.number().transform((n) => String(n))]);

const SearchApplication = z.looseObject({
  name: z.string(),
  reasonCode: CodeText.optional(),
  rCode: CodeText.optional(),
  rFlag: z.string().optional(),
});

/** One `_embedded.transactionSummaries[]` entry of a Transaction Search. */
const TransactionSummaryResponse = z.looseObject({
  id: z.string().min(1),
  submitTimeUtc: z.string(),
  status: z.string().optional(),
  applicationInformation: z.looseObject({ applications: z.array(SearchApplication).optional() }).optional(),
  clientReferenceInformation: z.looseObject({ code: z.string().optional(), transactionId: z.string().optional() }).optional(),
  orderInformation: z
    .looseObject({ amountDetails: z.looseObject({ totalAmount: AmountText.optional(), authorizedAmount: AmountText.optional(), currency: z.string().optional() }).optional() })
    .optional(),
  paymentInformation: z.looseObject({ card: z.looseObject({ suffix: z.string().optional(), type: z.string().optional() }).optional() }).optional(),
});
export type TransactionSummaryResponse = z.infer<typeof TransactionSummaryResponse>;

/** POST /tss/v2/searches (201): one page of summaries; no `_embedded` when the page is empty. */
export const SearchResponse = z.looseObject({
  searchId: z.string().optional(),
  totalCount: z.int().nonnegative().optional(),
  count: z.int().nonnegative().optional(),
  offset: z.int().nonnegative().optional(),
  limit: z.int().nonnegative().optional(),
  _embedded: z.looseObject({ transactionSummaries: z.array(TransactionSummaryResponse).optional() }).optional(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;
