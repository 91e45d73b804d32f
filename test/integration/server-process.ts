/**
 * A server binary (Prometheus, Alertmanager) run by a test: started in its own temporary folder,
 * its last log lines kept for error messages, killed if the test process ends without its hooks,
 * and ready once its `/-/ready` answers. `stop` ends it and removes the folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

export interface ServerProcess {
  child: ChildProcess;
  /** The last 300 lines it logged. */
  logs: () => string;
  stop: () => Promise<void>;
}

export interface ServerProcessOptions {
  /** Working folder, removed on stop. */
  dir: string;
  /** Base URL whose `/-/ready` answers 200 once the server serves. */
  url: string;
  readyTimeoutMs: number;
  pollMs: number;
}

export async function startServerProcess(name: string, bin: string, args: readonly string[], options: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(bin, args, { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 300) lines.splice(0, lines.length - 300);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (error) => { spawnError = error; });
  // Never leave a server behind if the test process ends without running its hooks.
  const killOnExit = () => { child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  const logs = () => lines.join('\n');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      await rm(options.dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const deadline = Date.now() + options.readyTimeoutMs;
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await exited.catch(() => undefined);
      process.removeListener('exit', killOnExit);
      throw new Error(`${name} exited before it was ready (${spawnError?.message ?? `code ${child.exitCode}, signal ${child.signalCode}`}):\n${logs()}`);
    }
    try {
      const response = await fetch(`${options.url}/-/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready within ${options.readyTimeoutMs} ms:\n${logs()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  return { child, logs, stop };
}
