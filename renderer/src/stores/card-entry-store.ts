/**
 * Getting a card for a payment other than by the reader: keyed entry (the typed values go straight
 * to main, which answers with a masked card and a handle) and, in training, presenting a test card
 * through the simulated reader. The typed card number is never kept here.
 */
import { create } from 'zustand';
import type { CardRead, PosError } from '../../../preload/contract';
import { pos } from '../pos';

export interface KeyedTyped {
  pan: string;
  expiryMonth: string;
  expiryYear: string;
  cvn: string;
}

type Presentation = 'swipe' | 'insert' | 'tap';

interface CardEntryState {
  keying: boolean;
  keyedError?: PosError;
  /** By field: pan, expiryMonth, expiryYear, cvn, card. */
  keyedFields: Record<string, string>;
  testCards?: { index: number; label: string }[];
  testCardsError?: string;
  presenting: boolean;
  presentError?: string;
  /** The test card chosen last, so the next prompt offers it again. */
  testCardIndex: number;
  chooseTestCard(index: number): void;
  reset(): void;
  /** Sends the typed card to main; the caller clears its fields right away. */
  keyed(typed: KeyedTyped): Promise<CardRead | undefined>;
  loadTestCards(): Promise<void>;
  present(index: number, how: Presentation): Promise<void>;
}

/** "28" → 2028; a four-digit year as typed; anything else is sent for main to refuse by name. */
function yearOf(text: string): number {
  const trimmed = text.trim();
  if (/^\d{2}$/.test(trimmed)) return 2000 + Number(trimmed);
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

function numberOf(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

export const useCardEntryStore = create<CardEntryState>((set) => ({
  keying: false,
  keyedFields: {},
  presenting: false,
  testCardIndex: 0,
  chooseTestCard: (testCardIndex) => set({ testCardIndex }),
  reset: () => set({ keying: false, keyedError: undefined, keyedFields: {}, presenting: false, presentError: undefined }),
  async keyed(typed) {
    set({ keying: true, keyedError: undefined, keyedFields: {} });
    const entry = {
      pan: typed.pan.replace(/[\s-]/g, ''),
      expiryMonth: numberOf(typed.expiryMonth),
      expiryYear: yearOf(typed.expiryYear),
      ...(typed.cvn.trim() === '' ? {} : { cvn: typed.cvn.trim() }),
    };
    const result = await pos.card.keyed(entry);
    if (result.ok) {
      set({ keying: false });
      return result.value;
    }
    const keyedFields: Record<string, string> = {};
    for (const problem of result.error.fields ?? []) keyedFields[problem.field] = problem.message;
    set({ keying: false, keyedError: result.error, keyedFields });
    return undefined;
  },
  async loadTestCards() {
    const result = await pos.reader.testCards();
    set(result.ok ? { testCards: result.value, testCardsError: undefined } : { testCardsError: result.error.message });
  },
  async present(index, how) {
    set({ presenting: true, presentError: undefined });
    const result = await pos.reader.present({ index, how });
    set({ presenting: false, presentError: result.ok ? undefined : result.error.message });
  },
}));
