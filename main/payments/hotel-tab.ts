/**
 * Hotel tabs: a pre-authorization at check-in for nights × rate + incidentals (lodging data, so it
 * can grow), charges on the folio during the stay, an incremental authorization whenever the
 * folio passes the held amount, one capture at check-out or a reversal on cancel. With the
 * guest's consent the opening authorization also stores the card (CIT + TMS), and a late charge
 * after check-out is a merchant-initiated transaction on it, approved by a manager.
 */
import { randomBytes } from 'node:crypto';
import type { FrontDeskReceipt, GatewayStep, TabView, tabChargeCategories as channelCategories } from '../../preload/channels/hotel';
import { TerminalError } from '../errors';
import type { AuthorizeInput } from '../gateway/inputs';
import type { GatewayOutcome } from '../gateway/outcomes';
import { assertWithinMaximum } from './amount-limit';
import { runAttempt } from './attempt-runner';
import { releaseHold, type HoldRelease } from './card-charge';
import { assertMayTryCard } from './decline-policy';
import { asTerminalError } from './flow-error';
import { authorizedTotal, frontDeskReceipt, gatewayIdOf, gatewayStep, isApproved } from './gateway-steps';
import { refusal } from './hotel-errors';
import type { Journal } from './journal/journal';
import type { AttemptRow, TabChargeCategory, TabRow } from './journal/records';
import type { ManagerGate } from './manager-approval';
import type { PaymentContext } from './payment-context';
import { takePresentedCard, type PresentedCard } from './presented-card';
import { withHoldRemainder } from './receipt';
import { assertAcceptingWork } from './recovery';
import { expiryOf, type StoredCredentials } from './stored-credentials';

// The channel's category list must stay the journal's (preload cannot import main): both directions checked here.
type SameCategories = [TabChargeCategory] extends [(typeof channelCategories)[number]]
  ? [(typeof channelCategories)[number]] extends [TabChargeCategory] ? true : never
  : never;
const categoriesAgree: SameCategories = true;
void categoriesAgree;

export interface HotelDeps {
  context: PaymentContext;
  approve: ManagerGate;
  /** Absent without a keychain: then no card can be kept on file. */
  credentials: StoredCredentials | undefined;
}

interface TabRequest {
  operatorId: string;
  tabId: string;
}

export interface OpenTabRequest {
  operatorId: string;
  cardHandle: string;
  guestName: string;
  room: string;
  nights: number;
  nightlyRateMinor: number;
  incidentalsMinor: number;
  headroomMinor: number;
  storeCard: boolean;
}

export interface ChargeRequest extends TabRequest {
  category: TabChargeCategory;
  amountMinor: number;
  note?: string | undefined;
}

const dayMs = 86_400_000;

export async function openTab(deps: HotelDeps, request: OpenTabRequest): Promise<{ tab: TabView; authorization: GatewayStep }> {
  const { context } = deps;
  const roomMinor = request.nights * request.nightlyRateMinor;
  const holdMinor = roomMinor + request.incidentalsMinor;
  assertWithinMaximum(context, 'nightlyRateMinor', holdMinor);
  if (request.storeCard) credentialsOf(deps);
  const card = await takePresentedCard(context, request.cardHandle);
  assertMayTryCard(context, card.summary.fingerprint);
  // base64url, like the other references: no long digit runs for the journal's card-number guards to trip on.
  const tabId = `TAB-${randomBytes(12).toString('base64url')}`;
  const currency = context.settings().currency;
  const { guestName, room, nights, nightlyRateMinor, incidentalsMinor, headroomMinor, operatorId } = request;
  // Refused now rather than after the tab row exists: a tab must not be left 'opening' with no authorization.
  assertAcceptingWork(context);
  await context.gateway();
  context.journal.openTab({ id: tabId, guestName, room, nights, nightlyRateMinor, incidentalsMinor, headroomMinor, currency, cardOnFile: request.storeCard, card: card.summary, operatorId });
  const checkIn = context.clock();
  const { row, outcome } = await runAttempt(
    context,
    { kind: 'authorize', owner: { tabId }, amountMinor: holdMinor, currency, card: card.summary, operatorId },
    (transactionId) => {
      const input: AuthorizeInput = {
        reference: { code: tabId, transactionId },
        amount: holdMinor,
        currency,
        ...card.payment,
        // A pre-authorization with lodging data: what incremental authorizations require.
        authorizationKind: 'pre',
        lodging: {
          checkInDate: isoDate(checkIn),
          checkOutDate: isoDate(new Date(checkIn.getTime() + nights * dayMs)),
          dailyRateMinor: nightlyRateMinor,
          nights,
          guestName: guestName.slice(0, 40),
        },
      };
      return { operation: request.storeCard ? 'authorize-and-store-card' : 'authorize', input };
    },
  );
  if (isApproved(row)) {
    // The nights are the folio's first charge; incidentals are only held.
    context.journal.addTabCharge({ tabId, category: 'room', amountMinor: roomMinor, note: `${nights} × ${nightlyRateMinor}`, operatorId });
    if (request.storeCard) await keepCardOnFile(deps, tabId, card, outcome);
  }
  return { tab: tabView(context.journal, tabId), authorization: gatewayStep(row) };
}

/** A charge on the folio; past the held amount (plus headroom) it asks for an incremental authorization. */
export async function addCharge(deps: HotelDeps, request: ChargeRequest): Promise<{ tab: TabView; chargeId: number; incremental: GatewayStep | null }> {
  const { context } = deps;
  assertWithinMaximum(context, 'amountMinor', request.amountMinor);
  liveTab(context.journal, request.tabId, 'add a charge to');
  const { tab, charge } = context.journal.addTabCharge({ tabId: request.tabId, category: request.category, amountMinor: request.amountMinor, note: request.note, operatorId: request.operatorId });
  const incremental = tab.folioMinor > tab.heldMinor && mayAskForMore(context.journal, tab) ? await requestIncrement(deps, tab, request.operatorId) : null;
  return { tab: tabView(context.journal, tab.id), chargeId: charge.id, incremental };
}

/** After a declined incremental: a new pre-authorization on another card for the folio total, then the old hold released. */
export async function replaceCard(
  deps: HotelDeps,
  request: TabRequest & { cardHandle: string; storeCard: boolean },
): Promise<{ tab: TabView; authorization: GatewayStep; release: HoldRelease | null }> {
  const { context } = deps;
  const tab = liveTab(context.journal, request.tabId, 'replace the card of');
  assertWithinMaximum(context, 'tabId', tab.folioMinor);
  if (request.storeCard) credentialsOf(deps);
  const history = context.journal.history({ tabId: tab.id });
  const old = currentAuthorization(history);
  const card = await takePresentedCard(context, request.cardHandle);
  assertMayTryCard(context, card.summary.fingerprint, tab.id);
  const { row, outcome } = await runAttempt(
    context,
    { kind: 'authorize', owner: { tabId: tab.id }, amountMinor: tab.folioMinor, currency: tab.currency, card: card.summary, operatorId: request.operatorId },
    (transactionId) => {
      const input: AuthorizeInput = {
        reference: { code: tab.id, transactionId },
        amount: tab.folioMinor,
        currency: tab.currency,
        ...card.payment,
        authorizationKind: 'pre',
        lodging: lodgingOf(tab, context.clock()),
      };
      return { operation: request.storeCard ? 'authorize-and-store-card' : 'authorize', input };
    },
  );
  let release: HoldRelease | null = null;
  if (isApproved(row)) {
    if (request.storeCard) await keepCardOnFile(deps, tab.id, card, outcome);
    // A late charge must never land on the card that was replaced.
    else await deps.credentials?.forget(tab.id);
    // New hold first, old released second: the tab is never without one.
    if (old) release = await releaseHold(context, old, authorizedTotal(history, old), request.operatorId);
  }
  return { tab: tabView(context.journal, tab.id), authorization: gatewayStep(row), release };
}

/** One capture of the folio total; a folio past the hold first asks for the difference. */
export async function checkout(
  deps: HotelDeps,
  request: TabRequest,
): Promise<{ tab: TabView; topUp: GatewayStep | null; capture: GatewayStep | null; receipt: FrontDeskReceipt | null }> {
  const { context } = deps;
  let tab = liveTab(context.journal, request.tabId, 'check out');
  let topUp: GatewayStep | null = null;
  if (tab.folioMinor > tab.heldMinor) {
    if (!mayAskForMore(context.journal, tab)) {
      throw refusal('OVER_LIMIT', 'tabId', `the folio (${tab.folioMinor}) is more than the ${tab.heldMinor} held and the card declined an increase (or one is in doubt): take a second card first`);
    }
    // Normally addCharge asked already; this covers a charge whose incremental never went out (a crash, the gateway down).
    topUp = await requestIncrement(deps, tab, request.operatorId);
    tab = liveTab(context.journal, tab.id, 'check out');
    if (tab.folioMinor > tab.heldMinor) return { tab: tabView(context.journal, tab.id), topUp, capture: null, receipt: null };
  }
  const auth = requireAuthorization(context.journal, tab);
  const { row } = await runAttempt(
    context,
    { kind: 'capture', owner: { tabId: tab.id }, amountMinor: tab.folioMinor, currency: tab.currency, parentTransactionId: auth.transactionId, operatorId: request.operatorId },
    (transactionId) => ({
      operation: 'capture',
      input: { paymentId: gatewayIdOf(auth), reference: { code: tab.id, transactionId }, amount: tab.folioMinor, currency: tab.currency },
    }),
  );
  const receipt = frontDeskReceipt(context, row);
  return { tab: tabView(context.journal, tab.id), topUp, capture: gatewayStep(row), receipt: receipt && withHoldRemainder(receipt, tab.heldMinor) };
}

/** Releases the whole hold (the reversal must name the full authorized amount, increments included). */
export async function cancelTab(deps: HotelDeps, request: TabRequest): Promise<{ tab: TabView; release: HoldRelease }> {
  const { context } = deps;
  const tab = liveTab(context.journal, request.tabId, 'cancel');
  const history = context.journal.history({ tabId: tab.id });
  const auth = requireAuthorization(context.journal, tab);
  const release = await releaseHold(context, auth, authorizedTotal(history, auth), request.operatorId);
  if (release.released) await deps.credentials?.forget(tab.id);
  return { tab: tabView(context.journal, tab.id), release };
}

/** After check-out, a charge found later (minibar, damage) on the card kept on file: an MIT, approved by a manager. */
export async function lateCharge(
  deps: HotelDeps,
  request: ChargeRequest & { approval: { managerId: string; pin: string } },
): Promise<{ tab: TabView; charge: GatewayStep; receipt: FrontDeskReceipt | null }> {
  const { context } = deps;
  const tab = existingTab(context.journal, request.tabId);
  if (tab.state !== 'checked-out') throw refusal('WRONG_STATE', 'tabId', `a late charge is for a checked-out tab; tab ${tab.id} is ${tab.state}: add the charge to the folio`);
  const stored = tab.cardOnFile && tab.instrumentIdentifierId !== null ? await deps.credentials?.load(tab.id) : undefined;
  const instrumentIdentifierId = tab.instrumentIdentifierId;
  if (!stored || instrumentIdentifierId === null) throw refusal('WRONG_STATE', 'tabId', `tab ${tab.id} has no card on file (the guest did not consent at check-in)`);
  assertWithinMaximum(context, 'amountMinor', request.amountMinor);
  const card = currentAuthorization(context.journal.history({ tabId: tab.id }));
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'late-charge', subject: tab.id });
  const { row } = await runAttempt(
    context,
    {
      kind: 'mit',
      owner: { tabId: tab.id },
      amountMinor: request.amountMinor,
      currency: tab.currency,
      card: { maskedPan: card?.maskedPan ?? tab.maskedPan ?? '', brand: card?.cardBrand ?? tab.cardBrand ?? '', entryMode: 'stored' },
      operatorId: request.operatorId,
      managerId,
    },
    (transactionId) => ({
      operation: 'charge-stored-card',
      input: {
        reference: { code: tab.id, transactionId },
        amount: request.amountMinor,
        currency: tab.currency,
        instrumentIdentifierId,
        expirationMonth: stored.expirationMonth,
        expirationYear: stored.expirationYear,
        previousTransactionId: stored.networkTransactionId,
        // Reason 2: a delayed charge after the stay (the networks' lodging case).
        reason: '2',
        // Captured in the same request: the journal books a late charge as charged.
        capture: true,
      },
    }),
  );
  // The journal has no folio line for a charge after check-out: the category and note are logged with the attempt.
  context.logger.log('info', 'late charge on a checked-out tab', { tabId: tab.id, transactionId: row.transactionId, category: request.category, note: request.note ?? '', status: row.status });
  return { tab: tabView(context.journal, tab.id), charge: gatewayStep(row), receipt: frontDeskReceipt(context, row) };
}

export function tabView(journal: Journal, tabId: string): TabView {
  const tab = existingTab(journal, tabId);
  const card = currentAuthorization(journal.history({ tabId }));
  return {
    tabId: tab.id,
    guestName: tab.guestName,
    room: tab.room,
    nights: tab.nights,
    nightlyRateMinor: tab.nightlyRateMinor,
    incidentalsMinor: tab.incidentalsMinor,
    headroomMinor: tab.headroomMinor,
    currency: tab.currency,
    heldMinor: tab.heldMinor,
    folioMinor: tab.folioMinor,
    capturedMinor: tab.capturedMinor,
    lateChargedMinor: tab.lateChargedMinor,
    state: tab.state,
    cardOnFile: tab.cardOnFile && tab.instrumentIdentifierId !== null,
    // After a second card the current hold's card is the one to show.
    maskedPan: card?.maskedPan ?? tab.maskedPan,
    cardBrand: card?.cardBrand ?? tab.cardBrand,
    flagReason: tab.flagReason,
    openedAtMs: tab.openedAtMs,
    closedAtMs: tab.closedAtMs,
    charges: journal.tabCharges(tabId).map(({ id, category, amountMinor, note, operatorId, createdAtMs }) => ({ id, category, amountMinor, note, operatorId, createdAtMs })),
  };
}

export function tabHistory(journal: Journal, tabId: string): { tab: TabView; history: GatewayStep[] } {
  return { tab: tabView(journal, tabId), history: journal.history({ tabId }).map(gatewayStep) };
}

/** The hold in force: the latest approved authorization not reversed since (a second card replaces the first). */
export function currentAuthorization(history: AttemptRow[]): AttemptRow | undefined {
  const reversed = new Set(history.filter((row) => row.kind === 'reversal' && isApproved(row)).map((row) => row.parentTransactionId));
  return history.filter((row) => row.kind === 'authorize' && isApproved(row) && !reversed.has(row.transactionId)).at(-1);
}

/**
 * Whether the card on the tab may be asked for more: not after it declined an increase (the desk
 * takes a second card), nor while an increase is in doubt (it may hold already). One that failed
 * to go out, or was undone by recovery, may be asked again.
 */
function mayAskForMore(journal: Journal, tab: TabRow): boolean {
  if (tab.state === 'open') return true;
  const last = journal.history({ tabId: tab.id }).filter((row) => row.kind === 'incremental' || row.kind === 'authorize').at(-1);
  return last?.kind === 'incremental' && (last.status === 'failed' || last.status === 'resolved' || last.status === 'invalid');
}

/** Asks for folio − held + headroom. A request that cannot go out flags the tab: the charge is on the folio either way. */
async function requestIncrement(deps: HotelDeps, tab: TabRow, operatorId: string): Promise<GatewayStep | null> {
  const { context } = deps;
  const auth = requireAuthorization(context.journal, tab);
  const additional = tab.folioMinor - tab.heldMinor + tab.headroomMinor;
  const extraNights = context.journal.tabCharges(tab.id).filter((charge) => charge.category === 'extra-night').length;
  try {
    const { row } = await runAttempt(
      context,
      { kind: 'incremental', owner: { tabId: tab.id }, amountMinor: additional, currency: tab.currency, parentTransactionId: auth.transactionId, operatorId },
      (transactionId) => ({
        operation: 'increment',
        input: {
          paymentId: gatewayIdOf(auth),
          reference: { code: tab.id, transactionId },
          additionalAmount: additional,
          currency: tab.currency,
          durationNights: Math.min(99, tab.nights + extraNights),
        },
      }),
    );
    // A declined or failed increment flags the tab in the journal; one still in doubt must too.
    if (row.status === 'unknown' || row.status === 'pending') context.journal.flagTab(tab.id, `incremental authorization in doubt (${row.transactionId}): recovery resolves it`);
    return gatewayStep(row);
  } catch (caught) {
    // The charge is on the folio already: throwing now would free the key and let a retry add it twice.
    const error = asTerminalError(caught);
    if (!(error instanceof TerminalError)) throw error;
    context.journal.flagTab(tab.id, `incremental authorization not sent: ${error.message}`.slice(0, 200));
    context.logger.log('warn', 'incremental authorization not sent', { tabId: tab.id, code: error.code, reason: error.message });
    return null;
  }
}

function lodgingOf(tab: TabRow, now: Date): NonNullable<AuthorizeInput['lodging']> {
  const checkIn = new Date(Math.min(tab.openedAtMs, now.getTime()));
  return {
    checkInDate: isoDate(checkIn),
    checkOutDate: isoDate(new Date(Math.max(now.getTime(), tab.openedAtMs + tab.nights * dayMs))),
    dailyRateMinor: tab.nightlyRateMinor,
    nights: tab.nights,
    guestName: tab.guestName.slice(0, 40),
  };
}

async function keepCardOnFile(deps: HotelDeps, tabId: string, card: PresentedCard, outcome: GatewayOutcome): Promise<void> {
  const expiry = expiryOf(card.payment);
  if (outcome.kind !== 'approved' || outcome.instrumentIdentifier === undefined || outcome.networkTransactionId === undefined || !expiry) {
    deps.context.logger.log('warn', 'card on file not kept: no instrument identifier, network transaction id or expiry', { tabId });
    return;
  }
  await credentialsOf(deps).save(tabId, { ...expiry, networkTransactionId: outcome.networkTransactionId });
}

function credentialsOf(deps: HotelDeps): StoredCredentials {
  if (!deps.credentials) throw new TerminalError('NOT_CONFIGURED', 'no keychain: a card cannot be kept on file');
  return deps.credentials;
}

function existingTab(journal: Journal, tabId: string): TabRow {
  const tab = journal.tab(tabId);
  if (!tab) throw refusal('NOT_FOUND', 'tabId', `no tab ${tabId}`);
  return tab;
}

function liveTab(journal: Journal, tabId: string, action: string): TabRow {
  const tab = existingTab(journal, tabId);
  if (tab.state === 'checked-out') throw refusal('WRONG_STATE', 'tabId', `cannot ${action} tab ${tabId}: it is checked out already`);
  if (tab.state !== 'open' && tab.state !== 'flagged') throw refusal('WRONG_STATE', 'tabId', `cannot ${action} tab ${tabId}: it is ${tab.state}`);
  return tab;
}

function requireAuthorization(journal: Journal, tab: TabRow): AttemptRow {
  const auth = currentAuthorization(journal.history({ tabId: tab.id }));
  if (!auth) throw refusal('WRONG_STATE', 'tabId', `tab ${tab.id} has no authorization in force`);
  return auth;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
