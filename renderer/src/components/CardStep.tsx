import { useRef } from 'react';
import type { CardRead } from '../../../preload/contract';
import { CardPrompt } from './CardPrompt';
import { useFocusOn } from './PaymentBits';

interface CardStepProps {
  card?: CardRead | undefined;
  busy: boolean;
  onCard(card: CardRead): void;
  /** Escape: back to the card prompt once a card is in, back to the amount before. */
  onBack(): void;
  onAction(): void;
  actionLabel: string;
  busyLabel: string;
}

/** The step of a payment that needs a card: the card prompt until one is presented, then the card and what to do with it. */
export function CardStep({ card, busy, onCard, onBack, onAction, actionLabel, busyLabel }: CardStepProps) {
  const action = useRef<HTMLButtonElement>(null);
  useFocusOn(action, card?.handle);
  if (!card) {
    return (
      <>
        <CardPrompt onCard={onCard} disabled={busy} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onBack} aria-keyshortcuts="Escape">
            Change amount <kbd>Esc</kbd>
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <p>
        Card: <strong>{card.brand}</strong> {card.maskedPan}
      </p>
      <div className="actions">
        <button ref={action} type="button" disabled={busy} aria-busy={busy} onClick={onAction}>
          {busy ? busyLabel : actionLabel}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onBack} aria-keyshortcuts="Escape">
          Use another card <kbd>Esc</kbd>
        </button>
      </div>
    </>
  );
}
