// @vitest-environment happy-dom
/** The manager PIN prompt: one approval per action, the PIN cleared after every attempt, refusals said in words. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManagerApproval } from '../../../renderer/src/components/ManagerApproval';

afterEach(cleanup);

const props = { action: 'void $120.00 on visa •••• 1111', submitLabel: 'Approve void', busy: false };

describe('ManagerApproval', () => {
  it('sends the id and PIN once and clears the PIN field', () => {
    const onApprove = vi.fn();
    render(<ManagerApproval {...props} onApprove={onApprove} onCancel={() => {}} />);
    const pin = screen.getByLabelText('Manager PIN') as HTMLInputElement;
    expect(pin.type).toBe('password');
    expect(document.activeElement).toBe(screen.getByLabelText('Manager id'));
    fireEvent.change(screen.getByLabelText('Manager id'), { target: { value: ' mgr1 ' } });
    fireEvent.change(pin, { target: { value: '12a34' } });
    expect(pin.value).toBe('1234');
    fireEvent.click(screen.getByRole('button', { name: 'Approve void' }));
    expect(onApprove).toHaveBeenCalledExactlyOnceWith({ managerId: 'mgr1', pin: '1234' });
    expect(pin.value).toBe('');
  });

  it('says a wrong PIN next to the PIN field and focuses it', () => {
    const error = { code: 'FORBIDDEN' as const, message: 'PIN_REJECTED: wrong PIN or unknown manager mgr1; 4 tries left before a lockout', fields: [{ field: 'approval.pin', message: 'x' }] };
    render(<ManagerApproval {...props} managerId="mgr1" error={error} onApprove={() => {}} onCancel={() => {}} />);
    const pin = screen.getByLabelText('Manager PIN');
    expect(screen.getByRole('alert').textContent).toBe('⚠ Not approved: wrong PIN or unknown manager mgr1; 4 tries left before a lockout');
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(pin);
  });

  it('says a lockout in words, with the time, next to the manager id', () => {
    const error = { code: 'LOCKED_OUT' as const, message: 'LOCKED_OUT: manager mgr1 is locked out after 5 wrong PINs until 2026-11-21T15:30:00.000Z' };
    render(<ManagerApproval {...props} error={error} onApprove={() => {}} onCancel={() => {}} />);
    const alert = screen.getByRole('alert').textContent ?? '';
    expect(alert).toMatch(/^⛔ Locked out: manager mgr1 is locked out after 5 wrong PINs until .+\. Another manager can approve\.$/);
    expect(alert).not.toContain('2026-11-21T');
    expect(screen.getByLabelText('Manager id').getAttribute('aria-invalid')).toBe('true');
  });

  it('cancels on Escape and ignores refusals that are not about the approval', () => {
    const onCancel = vi.fn();
    render(<ManagerApproval {...props} error={{ code: 'SETTLED', message: 'SETTLED: refund it instead' }} onApprove={() => {}} onCancel={onCancel} />);
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.keyDown(screen.getByLabelText('Manager PIN'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
