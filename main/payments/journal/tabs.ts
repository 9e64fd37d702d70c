/** Hotel tabs and the charges on their folio. */
import { JournalError } from './journal-error';
import type { JournalContext } from './journal-context';
import { tabChargeCategories, type NewTab, type NewTabCharge, type TabChargeRow, type TabRow } from './records';
import { checkAmount, checkCard, checkCurrency, checkId, checkOneOf, checkText } from './value-checks';

const tabSelect = `
  SELECT id, guest_name AS guestName, room, nights, nightly_rate_minor AS nightlyRateMinor, incidentals_minor AS incidentalsMinor,
    headroom_minor AS headroomMinor, currency, held_minor AS heldMinor, folio_minor AS folioMinor, captured_minor AS capturedMinor,
    late_charged_minor AS lateChargedMinor, state, card_on_file AS cardOnFile, instrument_identifier_id AS instrumentIdentifierId,
    masked_pan AS maskedPan, card_brand AS cardBrand, authorization_gateway_id AS authorizationGatewayId, flag_reason AS flagReason,
    operator_id AS operatorId, opened_at AS openedAtMs, updated_at AS updatedAtMs, closed_at AS closedAtMs
  FROM tabs`;

const chargeSelect = `
  SELECT id, tab_id AS tabId, category, amount_minor AS amountMinor, note, operator_id AS operatorId, created_at AS createdAtMs
  FROM tab_charges`;

export const openTabsSql = `${tabSelect} WHERE state IN ('opening', 'open', 'flagged') ORDER BY opened_at`;

/** SQLite has no booleans: the consent flag comes back as 0 or 1. */
type StoredTabRow = Omit<TabRow, 'cardOnFile'> & { cardOnFile: number };
const tabRow = (row: StoredTabRow): TabRow => ({ ...row, cardOnFile: row.cardOnFile === 1 });

export function tabRecords(ctx: JournalContext) {
  const tab = (id: string): TabRow | undefined => {
    const row = ctx.one<StoredTabRow>(`${tabSelect} WHERE id = ?`, id);
    return row && tabRow(row);
  };
  const liveTab = (id: string, action: string): TabRow => {
    const found = tab(id);
    if (!found) throw new JournalError('NOT_FOUND', `no tab ${id}`);
    if (found.state !== 'open' && found.state !== 'flagged') throw new JournalError('WRONG_STATE', `cannot ${action} tab ${id}: it is ${found.state}`);
    return found;
  };

  return {
    /** A tab in state `opening`: its opening authorization is recorded next and, once approved, opens it. */
    openTab(input: NewTab): TabRow {
      checkId('tab id', input.id);
      checkText('guestName', input.guestName, 120, { required: true });
      checkText('room', input.room, 20, { required: true });
      if (!Number.isSafeInteger(input.nights) || input.nights < 1) throw new JournalError('INVALID_VALUE', 'nights must be a whole number, at least 1');
      checkAmount('nightlyRateMinor', input.nightlyRateMinor);
      checkAmount('incidentalsMinor', input.incidentalsMinor);
      checkAmount('headroomMinor', input.headroomMinor);
      checkCurrency(input.currency);
      checkId('operatorId', input.operatorId, 64);
      if (input.card) checkCard(input.card);
      return ctx.write(`tab ${input.id}`, () => {
        const now = ctx.now();
        ctx.run(
          `INSERT INTO tabs (id, guest_name, room, nights, nightly_rate_minor, incidentals_minor, headroom_minor, currency,
             card_on_file, masked_pan, card_brand, operator_id, opened_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          input.id, input.guestName, input.room, input.nights, input.nightlyRateMinor, input.incidentalsMinor, input.headroomMinor,
          input.currency, input.cardOnFile ? 1 : 0, input.card?.maskedPan ?? null, input.card?.brand ?? null, input.operatorId, now, now,
        );
        return tab(input.id) as TabRow;
      });
    },

    tab,

    /** Tabs still in the hotel's hands (opening, open or flagged), oldest first. */
    openTabs(): TabRow[] {
      return ctx.all<StoredTabRow>(openTabsSql).map(tabRow);
    },

    tabCharges(tabId: string): TabChargeRow[] {
      return ctx.all<TabChargeRow>(`${chargeSelect} WHERE tab_id = ? ORDER BY id`, tabId);
    },

    /** The charge and the folio total that includes it, in one transaction. */
    addTabCharge(input: NewTabCharge): { tab: TabRow; charge: TabChargeRow } {
      checkOneOf('category', input.category, tabChargeCategories);
      checkAmount('amountMinor', input.amountMinor, { positive: true });
      checkText('note', input.note ?? '', 200);
      checkId('operatorId', input.operatorId, 64);
      return ctx.write(`charge on tab ${input.tabId}`, () => {
        liveTab(input.tabId, 'add a charge to');
        const now = ctx.now();
        const { lastInsertRowid } = ctx.run(
          `INSERT INTO tab_charges (tab_id, category, amount_minor, note, operator_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
          input.tabId, input.category, input.amountMinor, input.note ?? '', input.operatorId, now,
        );
        ctx.run(`UPDATE tabs SET folio_minor = folio_minor + ?, updated_at = ? WHERE id = ?`, input.amountMinor, now, input.tabId);
        const charge = ctx.one<TabChargeRow>(`${chargeSelect} WHERE id = ?`, lastInsertRowid) as TabChargeRow;
        return { tab: tab(input.tabId) as TabRow, charge };
      });
    },

    /** Flags a tab for the front desk (a capture deadline near, a hold in doubt); a declined incremental flags it by itself. */
    flagTab(tabId: string, reason: string): TabRow {
      checkText('reason', reason, 200);
      return ctx.write(`tab ${tabId}`, () => {
        liveTab(tabId, 'flag');
        ctx.run(`UPDATE tabs SET state = 'flagged', flag_reason = ?, updated_at = ? WHERE id = ?`, reason, ctx.now(), tabId);
        return tab(tabId) as TabRow;
      });
    },
  };
}
