/** Steps the payment specs share: driving the keypad and the card prompt by keyboard, screenshots at both sizes. */
import type { Page } from '@playwright/test';
import { expect, screenshot } from './terminal-fixture';

/** Screenshots at 1280×800 and at 1024×768, then back to the first size. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Types an amount as a cashier does (digits as cents) and presses Enter. */
export async function typeAmount(page: Page, digits: string): Promise<void> {
  await expect(page.getByRole('textbox', { name: /amount|Cash taken|next card/i })).toBeVisible();
  await page.keyboard.type(digits);
  await page.keyboard.press('Enter');
}

/**
 * Presents a training test card from the card prompt on screen: the prompt focuses its test-card
 * list, the operator picks a card, tabs to Swipe / Insert / Tap and presses Enter.
 */
export async function presentTestCard(page: Page, label: string, how: 'Swipe' | 'Insert' | 'Tap' = 'Swipe'): Promise<void> {
  const training = page.getByRole('group', { name: 'Training: present a test card' });
  const list = training.getByLabel('Test card');
  await expect(list).toBeFocused();
  await list.selectOption({ label });
  const order = ['Swipe', 'Insert', 'Tap'];
  for (let step = 0; step <= order.indexOf(how); step++) await page.keyboard.press('Tab');
  await expect(training.getByRole('button', { name: how })).toBeFocused();
  await page.keyboard.press('Enter');
}

/** Counts the calls of one channel the page sends over the browser host's bridge. */
export function countCalls(page: Page, channel: string): { readonly count: number } {
  const counter = { count: 0 };
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.includes(`"channel":"${channel}"`)) counter.count++;
    });
  });
  return counter;
}

/** Creates the first manager in Settings (no approval needed while there is none). */
export async function createFirstManager(page: Page, managerId: string, pin: string): Promise<void> {
  await page.keyboard.press('Alt+G');
  const panel = page.getByRole('region', { name: 'Managers' });
  await expect(panel.getByText('No manager yet.')).toBeVisible();
  await panel.getByLabel('Manager id').focus();
  await page.keyboard.type(managerId);
  await page.keyboard.press('Tab');
  await page.keyboard.type(pin);
  await page.keyboard.press('Tab');
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('status').filter({ hasText: `Manager ${managerId} added.` })).toBeVisible();
  await expect(panel.getByRole('table', { name: 'Managers' })).toContainText(`${managerId}✓ Yes`);
}

/** On the Sale screen: types the amount, presents a test card and presses Charge (named with `amount`, e.g. `$12.34`). */
export async function ringSale(page: Page, digits: string, amount: string, card: string, how: 'Swipe' | 'Insert' | 'Tap' = 'Swipe'): Promise<void> {
  await page.keyboard.press('Alt+S');
  await expect(page.getByRole('heading', { level: 1, name: 'Sale' })).toBeVisible();
  await typeAmount(page, digits);
  await presentTestCard(page, card, how);
  await expect(page.getByRole('button', { name: `Charge ${amount}` })).toBeFocused();
  await page.keyboard.press('Enter');
}

/** Types a manager's id and PIN into the focused approval form (the caller presses Enter, or looks first). */
export async function typeManagerCredentials(page: Page, managerId: string, pin: string): Promise<void> {
  await page.keyboard.type(managerId);
  await page.keyboard.press('Tab');
  await page.keyboard.type(pin);
}
