/** Small pieces the payment screens share: a refused call, a decline, Escape to step back, focus after arrival. */
import { useEffect, useState, type RefObject } from 'react';
import type { PosError } from '../../../preload/contract';
import type { CardRefusal, Decline } from '../../../preload/schemas';

/** A call main refused or could not answer: its message in words, and the fields it names. */
export function CallError({ error, doing }: { error?: PosError | undefined; doing: string }) {
  if (!error) return null;
  return (
    <div className="pb-error" role="alert">
      <p>
        <strong>Could not {doing}:</strong> {error.message}
      </p>
      {error.fields && error.fields.length > 0 && (
        <ul>
          {error.fields.map((problem) => (
            <li key={problem.field}>
              {problem.field}: {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A store business date (`YYYY-MM-DD`) in words, e.g. "Sat 21 Nov 2026": the date itself, whatever the terminal's clock zone. */
export function formatBusinessDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** The count of a card's declines is shown once this few remain before the card networks' limit. */
const declinesLeftWhenShown = 3;

/** "12 of the 15 allowed in 30 business days", when the card is close to the limit; undefined before. */
export function declineCountNote(declinesInWindow: number, declineLimit: number): string | undefined {
  if (declinesInWindow < declineLimit - declinesLeftWhenShown) return undefined;
  return `${declinesInWindow} of the ${declineLimit} declines the card networks allow in 30 business days`;
}

/** Why the card was declined and, most of all, whether the customer may try it again. */
export function DeclineDetails({ decline }: { decline: Decline }) {
  const count = declineCountNote(decline.declinesInWindow, decline.declineLimit);
  const neverApprove = decline.category === '01';
  return (
    <dl className="pb-facts">
      <div>
        <dt>Reason</dt>
        <dd>{decline.message ?? decline.reason}</dd>
      </div>
      {decline.category && (
        <div>
          <dt>Decline category</dt>
          <dd>{neverApprove ? '01 — the issuer will never approve this card' : decline.category}</dd>
        </div>
      )}
      <div>
        <dt>Try this card again?</dt>
        <dd className={decline.retryAllowed ? 'pb-retry' : 'pb-no-retry'}>
          {decline.callIssuer
            ? 'Call the issuer: they may give an approval code for a voice authorization.'
            : decline.retryAllowed
              ? 'Yes: the customer may try this card again.'
              : 'No: do not retry this card. Ask for another card or payment.'}
        </dd>
      </div>
      {count && (
        <div>
          <dt>Declines of this card</dt>
          <dd className="pb-no-retry">{count}</dd>
        </div>
      )}
    </dl>
  );
}

/** Why the decline rules hold a card back (nothing was sent), in words, with the days that matter. */
export function CardRefusalDetails({ refusal }: { refusal: CardRefusal }) {
  const declined = formatBusinessDate(refusal.declinedOn);
  const clears = formatBusinessDate(refusal.clearsOn);
  switch (refusal.rule) {
    case 'issuer-never-approves':
      return (
        <p className="pb-refusal">
          The issuer declined this card on <strong>{declined}</strong> as “will never approve”. Ask for another card, or a manager may let it through for
          this sale. From {clears} it counts as any other card.
        </p>
      );
    case 'same-transaction':
      return (
        <p className="pb-refusal">
          The issuer declined this card for this sale on <strong>{declined}</strong> as “will never approve”: it may not be tried again for it. Ask for
          another card.
        </p>
      );
    case 'retry-limit':
      return (
        <p className="pb-refusal">
          This card was declined {refusal.declinesInWindow} times in 30 business days, the most the card networks allow ({refusal.declineLimit}). Ask for
          another card. It may be tried again from <strong>{clears}</strong>.
        </p>
      );
  }
}

/** Escape steps back, unless a dialog-like control (a select's list) is using it. */
export function useEscape(back: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      back();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [back]);
}

/**
 * Moves focus to `target` whenever `key` changes: where the operator needs it next. Deferred one
 * task so it runs after the screen frame's own focus, and only if focus has not gone anywhere
 * meanwhile: on arrival at a screen its heading has focus (so it is announced) and keeps it, and
 * a control the operator reached in the meantime keeps it too.
 */
export function useFocusOn(target: RefObject<{ focus(): void } | null>, key: unknown) {
  useEffect(() => {
    const before = document.activeElement;
    const timer = setTimeout(() => {
      const now = document.activeElement;
      if (now?.id === 'screen-title') return;
      if (now !== before && now !== null && now !== document.body) return;
      target.current?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [target, key]);
}

/** The current time, ticking every second while `running`. */
export function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
