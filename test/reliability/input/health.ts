import type { TestStack } from '../../stack/support';

/**
 * The services that crashed: a process of the stack that exited (its exit code or signal set), or whose
 * health endpoint no longer answers 200. Empty when every process is alive and healthy.
 */
export async function crashed(s: TestStack): Promise<string[]> {
  const down: string[] = [];
  for (const [name, service] of s.stack.services) {
    const p = service.process;
    if (p.exitCode !== null || p.signalCode !== null) {
      down.push(`${name} exited (${p.exitCode ?? p.signalCode})`);
      continue;
    }
    try {
      const res = await fetch(service.spec.readyUrl, { signal: AbortSignal.timeout(10_000) });
      if (res.status !== 200) down.push(`${name} health answered ${res.status}`);
    } catch (e) {
      down.push(`${name} health did not answer (${(e as Error).message})`);
    }
  }
  return down;
}
