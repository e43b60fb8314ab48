/**
 * Measuring for the load bench: latency percentiles, and a server process's CPU time,
 * memory and bytes written, read from /proc (Linux), so the server under test needs no
 * instrumentation of its own.
 */
import { readFileSync } from 'node:fs';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export interface ProcessSample {
  at: number;
  /** user + system CPU seconds. */
  cpuSeconds: number;
  rssBytes: number;
  /** Bytes the process has written through system calls (sockets included). */
  writtenBytes: number;
}

const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

export function sampleProcess(pid: number): ProcessSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const written = Number(/wchar:\s+(\d+)/.exec(io)?.[1] ?? 0);
  return {
    at: performance.now(),
    cpuSeconds: (utime + stime) / CLOCK_TICKS,
    rssBytes: rssKb * 1024,
    writtenBytes: written,
  };
}

export interface ProcessUsage {
  /** Share of one core, 0..(cores). */
  cpu: number;
  rssMb: number;
  writtenBytesPerSecond: number;
}

export function usageBetween(a: ProcessSample, b: ProcessSample): ProcessUsage {
  const seconds = (b.at - a.at) / 1000;
  return {
    cpu: (b.cpuSeconds - a.cpuSeconds) / seconds,
    rssMb: b.rssBytes / (1024 * 1024),
    writtenBytesPerSecond: (b.writtenBytes - a.writtenBytes) / seconds,
  };
}
