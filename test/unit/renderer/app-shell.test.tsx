// @vitest-environment happy-dom
/**
 * The renderer's building blocks in a DOM, with window.pos faked at the boundary (the real
 * main process is covered by the end-to-end tests).
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBoundary } from '../../../renderer/src/components/ErrorBoundary';

afterEach(cleanup);

function Broken(): never {
  throw new Error('the folio could not be drawn');
}

describe('ErrorBoundary', () => {
  it('shows what went wrong and a way back instead of a blank screen', () => {
    const silenced = console.error;
    console.error = () => {};
    try {
      render(
        <ErrorBoundary onReset={() => {}}>
          <Broken />
        </ErrorBoundary>,
      );
    } finally {
      console.error = silenced;
    }
    expect(screen.getByRole('alert').textContent).toContain('This screen ran into a problem');
    expect(screen.getByText('the folio could not be drawn')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Back to Sale' })).toBeTruthy();
  });
});
