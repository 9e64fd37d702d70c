/** Small pieces the payment screens share: a refused call, a decline, Escape to step back, focus after arrival. */
import { useEffect, useState, type RefObject } from 'react';
import type { PosError } from '../../../preload/contract';
import type { Decline } from '../../../preload/schemas';

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

/** Why the card was declined and, most of all, whether the customer may try it again. */
export function DeclineDetails({ decline }: { decline: Decline }) {
  return (
    <dl className="pb-facts">
      <div>
        <dt>Reason</dt>
        <dd>{decline.message ?? decline.reason}</dd>
      </div>
      {decline.category && (
        <div>
          <dt>Decline category</dt>
          <dd>{decline.category}</dd>
        </div>
      )}
      <div>
        <dt>Try this card again?</dt>
        <dd className={decline.retryAllowed ? 'pb-retry' : 'pb-no-retry'}>
          {decline.retryAllowed ? 'Yes: the customer may try this card again.' : 'No: do not retry this card. Ask for another card or payment.'}
        </dd>
      </div>
      <div>
        <dt>Declines of this card in 30 days</dt>
        <dd>{decline.declinesInWindow}</dd>
      </div>
    </dl>
  );
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
