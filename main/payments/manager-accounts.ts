/**
 * Adding managers and changing their PINs: the first manager needs no approval (there is nobody
 * to give it), every later change needs an existing manager's.
 */
import type { Logger } from '../log';
import { refusal } from './hotel-errors';
import type { Journal } from './journal/journal';
import { pinScope, type ManagerApproval, type ManagerGate } from './manager-approval';
import type { ManagerDirectory } from './manager-directory';

export interface ManagerAccountsDeps {
  directory: ManagerDirectory;
  approve: ManagerGate;
  journal: Journal;
  logger: Logger;
}

export async function setManagerPin(
  deps: ManagerAccountsDeps,
  request: { operatorId: string; managerId: string; pin: string; approval?: ManagerApproval | undefined },
): Promise<{ managerId: string; created: boolean }> {
  const existing = await deps.directory.managerIds();
  if (existing.length > 0) {
    if (!request.approval) throw refusal('PIN_REJECTED', 'approval', 'an existing manager must approve adding a manager or changing a PIN');
    await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'set-manager-pin', subject: request.managerId });
  }
  const created = await deps.directory.setPin(request.managerId, request.pin);
  deps.logger.log('info', created ? 'manager added' : 'manager PIN changed', { managerId: request.managerId, operatorId: request.operatorId, approvedBy: request.approval?.managerId ?? null });
  return { managerId: request.managerId, created };
}

export async function listManagers(deps: Pick<ManagerAccountsDeps, 'directory' | 'journal'>): Promise<{ managerId: string; lockedUntilMs: number | null }[]> {
  return (await deps.directory.managerIds()).map((managerId) => ({ managerId, lockedUntilMs: deps.journal.pinGuardState(pinScope(managerId)).lockedUntilMs }));
}
