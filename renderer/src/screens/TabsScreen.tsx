import { useEffect, useRef, useState, type ComponentProps, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { tabChargeCategories } from '../../../preload/channels/hotel';
import type { CardRead, PosError } from '../../../preload/contract';
import type { CurrencyCode } from '../../../preload/currency';
import { AmountKeypad, type AmountKeypadHandle } from '../components/AmountKeypad';
import { CardPrompt } from '../components/CardPrompt';
import { ManagerApproval, isApprovalProblem, plainMessage } from '../components/ManagerApproval';
import { Receipt } from '../components/Receipt';
import { ScreenFrame } from '../components/ScreenFrame';
import { TabFolio, tabStateLabels } from '../components/TabFolio';
import { formatMoney } from '../money';
import { useSettingsStore } from '../stores/settings-store';
import {
  categoryLabels,
  findTab,
  openingHoldMinor,
  parseOpenTab,
  useTabsStore,
  type ChargeCategory,
  type OpenTabDraft,
  type TabFeedback,
  type TabView,
} from '../stores/tabs-store';

const moneyOf = (tab: TabView) => (minor: number) => formatMoney(minor, tab.currency as CurrencyCode);
const cardOf = (tab: TabView) => (tab.maskedPan ? `${tab.cardBrand ?? 'card'} ${tab.maskedPan}` : 'no card');

/** Focuses the element once, when the step that shows it arrives. */
function useFocusOnArrival<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/**
 * Hotel tabs at the front desk: open a tab with a hold at check-in, add charges (the hold grows by
 * incremental authorizations), check out with one capture, or cancel and release the hold.
 */
export function TabsScreen() {
  const { step, load, back } = useTabsStore();
  const settings = useSettingsStore((state) => state.settings);
  const loadSettings = useSettingsStore((state) => state.load);

  useEffect(() => {
    useTabsStore.getState().go({ kind: 'list' });
    void load();
    if (!useSettingsStore.getState().settings) void loadSettings();
  }, [load, loadSettings]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    back();
  };

  return (
    <ScreenFrame title="Tabs">
      <div className="tabs-screen" onKeyDown={onKeyDown}>
        {step.kind === 'list' && <TabList />}
        {step.kind === 'opening' && (settings ? <OpenTabForm currency={settings.currency} /> : <p role="status">Loading settings…</p>)}
        {step.kind !== 'list' && step.kind !== 'opening' && <TabStep tabId={step.tabId} maxAmountMinor={settings?.maxAmountMinor ?? 99_999_999} />}
      </div>
    </ScreenFrame>
  );
}

/** The tab last worked on, so that coming back to the list lands on its row. */
let lastViewedTabId: string | undefined;

function TabList() {
  const { tabs, loading, loadError, load, go, find, busy, error } = useTabsStore();
  const [tabId, setTabId] = useState('');
  const openButton = useRef<HTMLButtonElement>(null);
  // On arrival from a tab: its row, or "Open a new tab". (On arrival on the screen the heading takes focus after this.)
  useEffect(() => {
    const row = lastViewedTabId ? document.getElementById(`tabs-row-${lastViewedTabId}`) : null;
    (row ?? openButton.current)?.focus();
  }, []);
  const submitFind = (event: FormEvent) => {
    event.preventDefault();
    if (tabId.trim()) void find(tabId);
  };
  return (
    <>
      <div className="actions tabs-toolbar">
        <button ref={openButton} type="button" onClick={() => go({ kind: 'opening' })}>
          Open a new tab
        </button>
      </div>
      {loadError && (
        <p role="alert" className="error">
          Could not load the tabs: {loadError}{' '}
          <button type="button" className="tabs-link" onClick={() => void load()}>
            Try again
          </button>
        </p>
      )}
      <p role="status" className="tabs-count">
        {loading && !tabs ? 'Loading tabs…' : tabs ? (tabs.length === 0 ? 'No open tabs.' : `${tabs.length} open ${tabs.length === 1 ? 'tab' : 'tabs'}`) : ''}
      </p>
      {tabs && tabs.length > 0 && (
        <table className="tabs-table" aria-label="Open tabs">
          <thead>
            <tr>
              <th scope="col">Room and guest</th>
              <th scope="col">Card</th>
              <th scope="col" className="tabs-money">
                Held
              </th>
              <th scope="col" className="tabs-money">
                Folio
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tabs.map((tab) => {
              const money = moneyOf(tab);
              return (
                <tr key={tab.tabId} data-state={tab.state}>
                  <td>
                    <button type="button" id={`tabs-row-${tab.tabId}`} className="tabs-link" onClick={() => go({ kind: 'tab', tabId: tab.tabId })}>
                      Room {tab.room} — {tab.guestName}
                    </button>
                  </td>
                  <td>{cardOf(tab)}</td>
                  <td className="tabs-money">{money(tab.heldMinor)}</td>
                  <td className="tabs-money">{money(tab.folioMinor)}</td>
                  <td className={tab.state === 'flagged' ? 'tabs-flagged' : undefined}>{tabStateLabels[tab.state]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form className="tabs-find" onSubmit={submitFind} aria-label="Find a tab by id">
        <div className="field" data-invalid={error ? 'true' : undefined}>
          <label htmlFor="tabs-find-id">Find a checked-out tab (tab id from the receipt)</label>
          <input id="tabs-find-id" value={tabId} autoComplete="off" spellCheck={false} placeholder="TAB-…" aria-invalid={error ? true : undefined} aria-describedby={error ? 'tabs-find-error' : undefined} onChange={(e) => setTabId(e.target.value)} />
          {error && (
            <span id="tabs-find-error" className="error">
              {plainMessage(error.message)}
            </span>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="secondary" disabled={busy !== false}>
            {busy === 'find' ? 'Finding…' : 'Find tab'}
          </button>
        </div>
      </form>
    </>
  );
}

const emptyDraft: OpenTabDraft = { guestName: '', room: '', nights: '1', nightlyRate: '', incidentals: '', headroom: '', storeCard: false };

function OpenTabForm({ currency }: { currency: CurrencyCode }) {
  const { busy, error, fieldErrors, feedback, open, go } = useTabsStore();
  const [draft, setDraft] = useState<OpenTabDraft>(emptyDraft);
  const [card, setCard] = useState<CardRead>();
  const guestInput = useFocusOnArrival<HTMLInputElement>();
  const submitButton = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);

  const parsed = parseOpenTab(draft, currency);
  const hold = parsed.ok ? openingHoldMinor(parsed.value.nights, parsed.value.nightlyRateMinor, parsed.value.incidentalsMinor) : undefined;
  const money = (minor: number) => formatMoney(minor, currency);
  const change = <K extends keyof OpenTabDraft>(key: K, value: OpenTabDraft[K]) => setDraft({ ...draft, [key]: value });

  // With the card in hand, the next thing is to open the tab.
  useEffect(() => {
    if (card) submitButton.current?.focus();
  }, [card]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!card || busy) return;
    const outcome = await open(draft, card, currency);
    if (outcome) return;
    const state = useTabsStore.getState();
    // A card that was declined, or taken by a call that failed, must be presented again.
    if (state.feedback?.kind === 'open-declined' || (state.error && state.error.code !== 'INVALID_ARGUMENT')) setCard(undefined);
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const field = (key: keyof OpenTabDraft, contractField: string, label: string, input: ComponentProps<'input'>, hint?: string) => {
    const problem = fieldErrors[contractField];
    const id = `tabs-open-${key}`;
    return (
      <div className="field" data-invalid={problem ? 'true' : undefined}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          autoComplete="off"
          value={draft[key] as string}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[problem ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined}
          onChange={(e) => change(key, e.target.value)}
          {...input}
        />
        {hint && (
          <span id={`${id}-hint`} className="muted tabs-hint">
            {hint}
          </span>
        )}
        {problem && (
          <span id={`${id}-error`} className="error">
            {problem}
          </span>
        )}
      </div>
    );
  };
  const otherError = error && !Object.keys(fieldErrors).some((key) => key in draft || ['nightlyRateMinor', 'incidentalsMinor', 'headroomMinor'].includes(key)) ? error : undefined;

  return (
    <section aria-labelledby="tabs-open-title">
      <h2 id="tabs-open-title">Open a tab</h2>
      <form ref={form} className="tabs-open-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Open a tab">
        <div className="tabs-grid">
          {field('guestName', 'guestName', 'Guest name', { ref: guestInput, maxLength: 120 })}
          {field('room', 'room', 'Room', { maxLength: 20 })}
          {field('nights', 'nights', 'Nights', { inputMode: 'numeric', maxLength: 2 })}
          {field('nightlyRate', 'nightlyRateMinor', `Nightly rate (${currency})`, { inputMode: 'decimal', placeholder: '0.00' })}
          {field('incidentals', 'incidentalsMinor', `Incidentals allowance (${currency})`, { inputMode: 'decimal', placeholder: '0.00' }, 'Held on top of the room for minibar, room service…')}
          {field('headroom', 'headroomMinor', `Headroom per increase (${currency})`, { inputMode: 'decimal', placeholder: '0.00' }, 'Asked for on top of each increase, so small charges do not each need one.')}
        </div>
        <p className="tabs-hold" role="status">
          {hold !== undefined && parsed.ok
            ? `Hold at check-in: ${parsed.value.nights} × ${money(parsed.value.nightlyRateMinor)}${parsed.value.incidentalsMinor > 0 ? ` + ${money(parsed.value.incidentalsMinor)} incidentals` : ''} = ${money(hold)}`
            : 'Hold at check-in: fill in the nights and the nightly rate.'}
        </p>
        <div className="tabs-consent">
          <input id="tabs-open-consent" type="checkbox" checked={draft.storeCard} onChange={(e) => change('storeCard', e.target.checked)} aria-describedby="tabs-open-consent-hint" />
          <label htmlFor="tabs-open-consent">Keep the card on file: the guest agrees</label>
          <p id="tabs-open-consent-hint" className="muted">
            Ask the guest first. If they agree, the hotel keeps this card on file so that something found after check-out (minibar, damage) can be charged to it later, each time with a manager's approval. Leave unticked if they say no.
          </p>
        </div>
        {card ? (
          <div className="tabs-card">
            <p>
              Card: <strong>{card.brand}</strong> {card.maskedPan} ({card.entryMode})
            </p>
            <div className="actions">
              <button type="button" className="secondary" onClick={() => setCard(undefined)} disabled={busy !== false}>
                Use another card
              </button>
            </div>
          </div>
        ) : (
          <p className="tabs-card-needed">Then the guest's card: present it on the reader, or key it below.</p>
        )}
        {feedback?.kind === 'open-declined' && (
          <p role="alert" className="error">
            <span aria-hidden="true">✗ </span>The card was declined ({feedback.authorization.declineReason ?? feedback.authorization.message ?? feedback.authorization.status}). No tab was opened: try another card.
          </p>
        )}
        {otherError && (
          <p role="alert" className="error">
            <span aria-hidden="true">⚠ </span>Not opened: {plainMessage(otherError.message)}
          </p>
        )}
        {Object.keys(fieldErrors).length > 0 && !otherError && (
          <p role="alert" className="error">
            Not opened: correct the marked fields.
          </p>
        )}
        <div className="actions">
          <button ref={submitButton} type="submit" disabled={!card || busy !== false}>
            {busy === 'open' ? 'Asking the card for the hold…' : hold !== undefined ? `Open tab and hold ${money(hold)}` : 'Open tab'}
          </button>
          <button type="button" className="secondary" onClick={() => go({ kind: 'list' })} disabled={busy !== false} aria-keyshortcuts="Escape">
            Cancel <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
      </form>
      {!card && <CardPrompt onCard={setCard} disabled={busy !== false} autoFocus={false} />}
    </section>
  );
}

function TabStep({ tabId, maxAmountMinor }: { tabId: string; maxAmountMinor: number }) {
  useEffect(() => {
    lastViewedTabId = tabId;
  }, [tabId]);
  const step = useTabsStore((state) => state.step);
  const tab = useTabsStore((state) => findTab(state, tabId));
  const go = useTabsStore((state) => state.go);
  if (!tab) {
    return (
      <>
        <p role="status">Loading the tab…</p>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => go({ kind: 'list' })}>
            Back to tabs
          </button>
        </div>
      </>
    );
  }
  return (
    <section aria-labelledby="tabs-tab-title" className="tabs-tab">
      <h2 id="tabs-tab-title">
        Room {tab.room} — {tab.guestName}
      </h2>
      <p className="tabs-meta">
        <span className={`tabs-state tabs-state-${tab.state}`}>{tabStateLabels[tab.state]}</span> · {cardOf(tab)}
        {tab.cardOnFile ? ' · card on file' : ''} · <span className="muted">{tab.tabId}</span>
      </p>
      {tab.flagReason && tab.state === 'flagged' && (
        <p className="tabs-flag" role="note">
          <span aria-hidden="true">⚠ </span>
          {plainMessage(tab.flagReason)}
        </p>
      )}
      <Feedback tab={tab} />
      <div className="tabs-body">
        <div className="tabs-work">
          {step.kind === 'tab' && <ChargeStep tab={tab} maxAmountMinor={maxAmountMinor} />}
          {step.kind === 'checkout' && <CheckoutStep tab={tab} />}
          {step.kind === 'cancel' && <CancelStep tab={tab} />}
          {step.kind === 'second-card' && <SecondCardStep tab={tab} />}
          {step.kind === 'closed' && <ClosedStep tab={tab} />}
          {step.kind === 'late-charge' && <LateChargeStep tab={tab} maxAmountMinor={maxAmountMinor} />}
        </div>
        <TabFolio tab={tab} />
      </div>
    </section>
  );
}

/** The last answer about this tab in words: the hold going up, a decline, the capture and its receipt. */
function Feedback({ tab }: { tab: TabView }) {
  const feedback = useTabsStore((state) => state.feedback);
  const step = useTabsStore((state) => state.step);
  if (!feedback) return null;
  const money = moneyOf(tab);
  const { tone, text } = describeFeedback(feedback, tab, money);
  const receipt = (feedback.kind === 'checked-out' || feedback.kind === 'late-charge') && feedback.receipt;
  return (
    <div className={`tabs-feedback tabs-feedback-${tone}`} role={tone === 'bad' ? 'alert' : 'status'}>
      <p>
        <span aria-hidden="true">{tone === 'good' ? '✓ ' : tone === 'bad' ? '✗ ' : 'ⓘ '}</span>
        {text}
      </p>
      {receipt && step.kind === 'closed' && (
        <div className="tabs-receipt">
          <Receipt receipt={receipt} {...(receipt.voiceAuthorized ? { note: 'Voice authorized' } : {})} />
        </div>
      )}
    </div>
  );
}

function describeFeedback(feedback: TabFeedback, tab: TabView, money: (minor: number) => string): { tone: 'good' | 'bad' | 'info'; text: string } {
  const why = (step: { declineReason: string | null; message: string | null; status: string }) => step.declineReason ?? step.message ?? step.status;
  switch (feedback.kind) {
    case 'opened':
      return { tone: 'good', text: `Tab opened: ${money(feedback.authorization.approvedMinor ?? tab.heldMinor)} held on ${cardOf(tab)}${feedback.authorization.approvalCode ? ` (approval ${feedback.authorization.approvalCode})` : ''}.` };
    case 'open-declined':
      return { tone: 'bad', text: `The card was declined (${why(feedback.authorization)}).` };
    case 'charge': {
      const label = `${categoryLabels[feedback.category]} ${money(feedback.amountMinor)} added.`;
      const inc = feedback.incremental;
      if (inc?.status === 'approved' || inc?.status === 'partially-approved') {
        return { tone: 'good', text: `${label} Held amount went up from ${money(feedback.heldBeforeMinor)} to ${money(tab.heldMinor)} (increase of ${money(inc.approvedMinor ?? inc.amountMinor)} approved).` };
      }
      if (inc?.status === 'declined') {
        return { tone: 'bad', text: `${label} The card declined an increase of ${money(inc.amountMinor)} (${why(inc)}): the hold stays ${money(tab.heldMinor)}. The charge is on the folio; use a second card before check-out.` };
      }
      if (inc) return { tone: 'bad', text: `${label} The increase of ${money(inc.amountMinor)} is ${inc.status} (${why(inc)}); the tab is flagged until it is resolved.` };
      if (tab.state === 'flagged') return { tone: 'bad', text: `${label} The card was not asked for more (it declined before): use a second card.` };
      return { tone: 'info', text: `${label} It fits in the hold of ${money(tab.heldMinor)}: no authorization needed.` };
    }
    case 'replaced': {
      const a = feedback.authorization;
      if (a.status !== 'approved') return { tone: 'bad', text: `The second card was declined (${why(a)}). The tab stays on ${cardOf(tab)}.` };
      const release = feedback.release === null ? '' : feedback.release.released ? ' The first card’s hold was released.' : ` The first card’s hold was not released: ${plainMessage(feedback.release.message ?? 'no reason given')}.`;
      return { tone: 'good', text: `The folio is now held on ${cardOf(tab)}: ${money(tab.heldMinor)}.${release}` };
    }
    case 'checked-out': {
      if (feedback.capture?.status === 'approved') return { tone: 'good', text: `Checked out: ${money(feedback.capture.approvedMinor ?? tab.capturedMinor)} captured on ${cardOf(tab)}.` };
      if (feedback.topUp && feedback.topUp.status !== 'approved') return { tone: 'bad', text: `Not checked out: the card declined the last increase (${why(feedback.topUp)}). Use a second card.` };
      return { tone: 'bad', text: `Not checked out: the capture was ${feedback.capture ? `${feedback.capture.status} (${why(feedback.capture)})` : 'not sent'}.` };
    }
    case 'cancelled':
      return feedback.release.released
        ? { tone: 'good', text: `Tab cancelled: the hold on ${cardOf(tab)} was released.` }
        : { tone: 'bad', text: `The hold was not released: ${plainMessage(feedback.release.message ?? 'no reason given')}. The funds stay held until the authorization expires.` };
    case 'late-charge':
      return feedback.charge.status === 'approved'
        ? { tone: 'good', text: `Late charge of ${money(feedback.charge.approvedMinor ?? feedback.charge.amountMinor)} charged to ${cardOf(tab)}.` }
        : { tone: 'bad', text: `The late charge was not approved (${why(feedback.charge)}).` };
  }
}

function ErrorLine({ error, prefix }: { error?: PosError | undefined; prefix: string }) {
  if (!error || isApprovalProblem(error)) return null;
  return (
    <p role="alert" className="error">
      <span aria-hidden="true">⚠ </span>
      {prefix}: {plainMessage(error.message)}
    </p>
  );
}

function ChargeFields({ category, note, onCategory, onNote, disabled, idPrefix, error }: { category: ChargeCategory; note: string; onCategory(c: ChargeCategory): void; onNote(n: string): void; disabled: boolean; idPrefix: string; error?: PosError | undefined }) {
  const noteProblem = error?.fields?.find((f) => f.field === 'note')?.message;
  return (
    <div className="tabs-charge-fields">
      <div className="field">
        <label htmlFor={`${idPrefix}-category`}>Category</label>
        <select id={`${idPrefix}-category`} value={category} disabled={disabled} onChange={(e) => onCategory(e.target.value as ChargeCategory)}>
          {tabChargeCategories.map((c) => (
            <option key={c} value={c}>
              {categoryLabels[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="field" data-invalid={noteProblem ? 'true' : undefined}>
        <label htmlFor={`${idPrefix}-note`}>Note (optional)</label>
        <input id={`${idPrefix}-note`} value={note} maxLength={200} autoComplete="off" disabled={disabled} aria-invalid={noteProblem ? true : undefined} onChange={(e) => onNote(e.target.value)} />
        {noteProblem && <span className="error">{plainMessage(noteProblem)}</span>}
      </div>
    </div>
  );
}

function ChargeStep({ tab, maxAmountMinor }: { tab: TabView; maxAmountMinor: number }) {
  const { busy, error, addCharge, go } = useTabsStore();
  const [category, setCategory] = useState<ChargeCategory>('room-service');
  const [note, setNote] = useState('');
  const keypad = useRef<AmountKeypadHandle>(null);
  const money = moneyOf(tab);
  const secondCard = useRef<HTMLButtonElement>(null);
  useEffect(() => (tab.state === 'flagged' ? secondCard : keypad).current?.focus(), [tab.state]);

  const charge = async (amountMinor: number) => {
    const wasFlagged = tab.state === 'flagged';
    if (await addCharge(tab.tabId, { category, amountMinor, note })) {
      keypad.current?.clear();
      setNote('');
    }
    // A tab that has just been flagged moves focus to "Use a second card" (the effect below); otherwise the next charge.
    if (wasFlagged || findTab(useTabsStore.getState(), tab.tabId)?.state !== 'flagged') keypad.current?.focus();
  };
  const flagged = tab.state === 'flagged';
  return (
    <>
      <section className="tabs-add" aria-labelledby="tabs-add-title">
        <h3 id="tabs-add-title">Add a charge</h3>
        <ChargeFields category={category} note={note} onCategory={setCategory} onNote={setNote} disabled={busy !== false} idPrefix="tabs-charge" error={error} />
        <AmountKeypad ref={keypad} id="tabs-charge-amount" label="Charge amount" currency={tab.currency as CurrencyCode} limit={{ minor: maxAmountMinor, name: 'the maximum per transaction' }} submitLabel={busy === 'charge' ? 'Adding…' : 'Add charge'} busy={busy !== false} onSubmit={(minor) => void charge(minor)} />
        <ErrorLine error={error} prefix="Not added" />
      </section>
      <div className="actions tabs-actions">
        {flagged && (
          <button ref={secondCard} type="button" onClick={() => go({ kind: 'second-card', tabId: tab.tabId })} disabled={busy !== false}>
            Use a second card
          </button>
        )}
        <button type="button" onClick={() => go({ kind: 'checkout', tabId: tab.tabId })} disabled={busy !== false}>
          Check out… ({money(tab.folioMinor)})
        </button>
        <button type="button" className="secondary" onClick={() => go({ kind: 'cancel', tabId: tab.tabId })} disabled={busy !== false}>
          Cancel tab…
        </button>
        <button type="button" className="secondary" onClick={() => go({ kind: 'list' })} disabled={busy !== false} aria-keyshortcuts="Escape">
          Back to tabs <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </>
  );
}

function Confirm({ title, children, confirmLabel, busyLabel, busy, onConfirm, error, errorPrefix, tabId }: { title: string; children: ReactNode; confirmLabel: string; busyLabel: string; busy: boolean; onConfirm(): void; error?: PosError | undefined; errorPrefix: string; tabId: string }) {
  const go = useTabsStore((state) => state.go);
  const confirm = useFocusOnArrival<HTMLButtonElement>();
  return (
    <section className="tabs-confirm" aria-labelledby="tabs-confirm-title">
      <h3 id="tabs-confirm-title">{title}</h3>
      {children}
      <ErrorLine error={error} prefix={errorPrefix} />
      <div className="actions">
        <button ref={confirm} type="button" onClick={onConfirm} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={() => go({ kind: 'tab', tabId })} disabled={busy} aria-keyshortcuts="Escape">
          Back <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </section>
  );
}

function CheckoutStep({ tab }: { tab: TabView }) {
  const { busy, error, checkout } = useTabsStore();
  const money = moneyOf(tab);
  const over = tab.folioMinor > tab.heldMinor;
  return (
    <Confirm title="Check out" confirmLabel={`Capture ${money(tab.folioMinor)} and check out`} busyLabel="Capturing…" busy={busy !== false} onConfirm={() => void checkout(tab.tabId)} error={error} errorPrefix="Not checked out" tabId={tab.tabId}>
      <p>
        Folio total <strong className="tabs-big">{money(tab.folioMinor)}</strong>, captured once from {cardOf(tab)}.
        {over ? ` The folio is ${money(tab.folioMinor - tab.heldMinor)} more than the ${money(tab.heldMinor)} held: the card is asked for the difference first.` : ''}
        {!over && tab.heldMinor > tab.folioMinor ? ` The rest of the hold (${money(tab.heldMinor - tab.folioMinor)}) is not taken.` : ''}
      </p>
    </Confirm>
  );
}

function CancelStep({ tab }: { tab: TabView }) {
  const { busy, error, cancel } = useTabsStore();
  const money = moneyOf(tab);
  return (
    <Confirm title="Cancel the tab" confirmLabel={`Release the hold of ${money(tab.heldMinor)}`} busyLabel="Releasing…" busy={busy !== false} onConfirm={() => void cancel(tab.tabId)} error={error} errorPrefix="Not cancelled" tabId={tab.tabId}>
      <p>
        The whole hold of {money(tab.heldMinor)} on {cardOf(tab)} is released and nothing is charged.
        {tab.folioMinor > 0 ? ` The folio of ${money(tab.folioMinor)} is not collected through this tab.` : ''}
      </p>
    </Confirm>
  );
}

function SecondCardStep({ tab }: { tab: TabView }) {
  const { busy, error, replaceCard, go } = useTabsStore();
  const [storeCard, setStoreCard] = useState(false);
  const money = moneyOf(tab);
  return (
    <section className="tabs-second" aria-labelledby="tabs-second-title">
      <h3 id="tabs-second-title">Use a second card</h3>
      <p>The second card is asked to hold the whole folio, {money(tab.folioMinor)}. Once it is approved, the hold on {cardOf(tab)} is released.</p>
      <div className="tabs-consent">
        <input id="tabs-second-consent" type="checkbox" checked={storeCard} onChange={(e) => setStoreCard(e.target.checked)} disabled={busy !== false} />
        <label htmlFor="tabs-second-consent">Keep this card on file: the guest agrees (for charges found after check-out, each approved by a manager)</label>
      </div>
      {busy === 'replace' && <p role="status">Asking the second card for {money(tab.folioMinor)}…</p>}
      <CardPrompt onCard={(card) => void replaceCard(tab.tabId, card, storeCard)} disabled={busy !== false} />
      <ErrorLine error={error} prefix="Card not changed" />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => go({ kind: 'tab', tabId: tab.tabId })} disabled={busy !== false} aria-keyshortcuts="Escape">
          Back <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </section>
  );
}

function ClosedStep({ tab }: { tab: TabView }) {
  const { go, feedback } = useTabsStore();
  const primary = useFocusOnArrival<HTMLButtonElement>();
  const hasReceipt = (feedback?.kind === 'checked-out' || feedback?.kind === 'late-charge') && feedback.receipt !== null;
  const lateChargeable = tab.state === 'checked-out' && tab.cardOnFile;
  return (
    <div className="actions tabs-actions">
      {hasReceipt && (
        <button ref={primary} type="button" onClick={() => window.print()}>
          Print receipt
        </button>
      )}
      {lateChargeable && (
        <button ref={hasReceipt ? undefined : primary} type="button" className={hasReceipt ? 'secondary' : undefined} onClick={() => go({ kind: 'late-charge', tabId: tab.tabId })}>
          Late charge… (manager)
        </button>
      )}
      <button ref={hasReceipt || lateChargeable ? undefined : primary} type="button" className="secondary" onClick={() => go({ kind: 'list' })} aria-keyshortcuts="Escape">
        Back to tabs <kbd aria-hidden="true">Esc</kbd>
      </button>
    </div>
  );
}

function LateChargeStep({ tab, maxAmountMinor }: { tab: TabView; maxAmountMinor: number }) {
  const { busy, error, lateCharge, go } = useTabsStore();
  const [category, setCategory] = useState<ChargeCategory>('minibar');
  const [note, setNote] = useState('');
  const [amountMinor, setAmountMinor] = useState<number>();
  const keypad = useRef<AmountKeypadHandle>(null);
  const money = moneyOf(tab);
  useEffect(() => keypad.current?.focus(), []);

  if (amountMinor === undefined) {
    return (
      <section className="tabs-add" aria-labelledby="tabs-late-title">
        <h3 id="tabs-late-title">Late charge on the card on file</h3>
        <p>Charged to {cardOf(tab)} after check-out, with a manager's approval.</p>
        <ChargeFields category={category} note={note} onCategory={setCategory} onNote={setNote} disabled={busy !== false} idPrefix="tabs-late" error={error} />
        <AmountKeypad ref={keypad} id="tabs-late-amount" label="Late charge amount" currency={tab.currency as CurrencyCode} limit={{ minor: maxAmountMinor, name: 'the maximum per transaction' }} submitLabel="Continue to approval" onSubmit={setAmountMinor} />
        <div className="actions">
          <button type="button" className="secondary" onClick={() => go({ kind: 'closed', tabId: tab.tabId })} aria-keyshortcuts="Escape">
            Back <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="tabs-add" aria-label="Approve the late charge">
      <ManagerApproval
        action={`late charge of ${money(amountMinor)} on ${cardOf(tab)}`}
        submitLabel={`Approve and charge ${money(amountMinor)}`}
        busy={busy === 'late-charge'}
        error={error}
        onApprove={(approval) => void lateCharge(tab.tabId, { category, amountMinor, note }, approval)}
        onCancel={() => setAmountMinor(undefined)}
      >
        <p>
          {categoryLabels[category]}
          {note.trim() ? ` (${note.trim()})` : ''}: <strong>{money(amountMinor)}</strong> to {cardOf(tab)}, room {tab.room}, {tab.guestName}.
        </p>
      </ManagerApproval>
      <ErrorLine error={error} prefix="Not charged" />
    </section>
  );
}
