import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine a run was measured on: no paths, no host name. */
export interface MachineInfo {
  cpu: string;
  cpus: number;
  ramGb: number;
  node: string;
  platform: string;
}

/** CPU model and count (from /proc/cpuinfo where there is one), RAM and Node version. */
export function machineInfo(): MachineInfo {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  let cpus = os.cpus().length;
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1];
    if (model) cpu = model.trim();
    const processors = info.match(/^processor\s*:/gm)?.length;
    if (processors) cpus = processors;
  } catch {
    // Not Linux: os.cpus() is as good as it gets.
  }
  return {
    cpu,
    cpus,
    ramGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}
