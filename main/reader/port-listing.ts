/**
 * The serial ports a reader could be on, for the settings screen.
 */
import type { SerialBinding, SerialPortInfo } from './serial-binding';

/** Ports with a vendor id (USB-serial adapters, readers) first, then by path. */
export async function listPorts(binding: SerialBinding): Promise<SerialPortInfo[]> {
  const ports = await binding.list();
  return [...ports].sort((a, b) => Number(!a.vendorId) - Number(!b.vendorId) || a.path.localeCompare(b.path));
}
