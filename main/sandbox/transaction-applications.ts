/**
 * The services the gateway ran for a transaction (`applicationInformation.applications[]`) with
 * their result codes, as Transaction Search and Transaction Details report them: `rCode` 1
 * succeeded / 0 declined, a one-word `rFlag`, and the three-digit `reasonCode`.
 */
import type { Decline } from './decline-triggers';
import type { LedgerEntry } from './transaction-ledger';

export interface ApplicationResult {
  name: string;
  status: string;
  reasonCode: string;
  rCode: string;
  rFlag: string;
  reconciliationId: string;
}

/** The gateway's reason code and reply flag for each decline the sandbox gives. */
const declineCodes: Readonly<Record<string, { reasonCode: string; rFlag: string }>> = {
  CONTACT_PROCESSOR: { reasonCode: '201', rFlag: 'DCALL' },
  EXPIRED_CARD: { reasonCode: '202', rFlag: 'DCARDEXPIRED' },
  GENERAL_DECLINE: { reasonCode: '203', rFlag: 'DCARDREFUSED' },
  INSUFFICIENT_FUND: { reasonCode: '204', rFlag: 'DCARDREFUSED' },
  STOLEN_LOST_CARD: { reasonCode: '205', rFlag: 'DCARDREFUSED' },
  ISSUER_UNAVAILABLE: { reasonCode: '207', rFlag: 'DCARDREFUSED' },
  EXCEEDS_CREDIT_LIMIT: { reasonCode: '210', rFlag: 'DCARDREFUSED' },
  INVALID_CVN: { reasonCode: '211', rFlag: 'DINVALIDCVN' },
  CVN_NOT_MATCH: { reasonCode: '230', rFlag: 'DCV' },
  INVALID_ACCOUNT: { reasonCode: '231', rFlag: 'DINVALIDCARD' },
  PROCESSOR_DECLINED: { reasonCode: '233', rFlag: 'DCARDREFUSED' },
};

const succeeded = { reasonCode: '100', rCode: '1', rFlag: 'SOK' };

function declined(decline: Decline | undefined): { reasonCode: string; rCode: string; rFlag: string } {
  const codes = declineCodes[decline?.reason ?? ''] ?? { reasonCode: '203', rFlag: 'DCARDREFUSED' };
  return { ...codes, rCode: '0' };
}

/**
 * A sale ran the authorization and, when fully approved, the capture (`ics_bill`); a partially
 * approved sale is not captured, so it shows `ics_auth` only, as does a declined one.
 */
function applicationNames(entry: LedgerEntry): string[] {
  switch (entry.kind) {
    case 'authorization':
      return ['ics_auth'];
    case 'sale':
      return entry.status === 'AUTHORIZED' ? ['ics_auth', 'ics_bill'] : ['ics_auth'];
    case 'capture':
      return ['ics_bill'];
    case 'refund':
    case 'credit':
      return ['ics_credit'];
    case 'reversal':
      return ['ics_auth_reversal'];
    case 'void':
      return ['ics_void'];
    case 'incremental':
      return ['ics_incremental_auth'];
  }
}

export function applicationsOf(entry: LedgerEntry): ApplicationResult[] {
  const result = entry.status === 'DECLINED' ? declined(entry.decline) : succeeded;
  return applicationNames(entry).map((name) => ({ name, status: entry.status, ...result, reconciliationId: entry.reconciliationId }));
}

/** The transaction's own result: its first application's. */
export function overallResult(entry: LedgerEntry): { reasonCode: string; rCode: string; rFlag: string } {
  return entry.status === 'DECLINED' ? declined(entry.decline) : succeeded;
}
