/** Crash tests' child processes: start one, wait for the line that says it is mid-write, then SIGKILL it. */
import { spawn } from 'node:child_process';

/**
 * Runs `script` under tsx with `args`, waits for it to print `signal`, lets it run `graceMs` more,
 * then SIGKILLs it; resolves with the signal that ended it.
 */
export async function killAfterSignal(script: string, args: string[], signal: string, graceMs = 0): Promise<NodeJS.Signals | null> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, killedBy) => resolve(killedBy)));
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(signal)) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`child exited (${code}) before "${signal}": ${stderr}`)));
  });
  if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs));
  proc.kill('SIGKILL');
  return exited;
}
