/**
 * CPU time of the processes a load run involves, read from /proc (Linux): the API processes by
 * pid, PostgreSQL as every process named `postgres` (the server runs as its own service here),
 * and this load process itself.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line: 12th and 13th after the name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // the process ended (a PostgreSQL backend that closed): its time is lost to the sum
  }
}

function postgresPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export type CpuSample = { api: number; postgres: Map<number, number>; load: number };

export function sampleCpu(apiPids: number[]): CpuSample {
  const postgres = new Map(postgresPids().map((pid) => [pid, cpuMsOf(pid)]));
  const usage = process.cpuUsage();
  return {
    api: apiPids.reduce((sum, pid) => sum + cpuMsOf(pid), 0),
    postgres,
    load: (usage.user + usage.system) / 1000,
  };
}

/** CPU milliseconds spent between two samples, per part. PostgreSQL backends born meanwhile count from 0. */
export function cpuBetween(before: CpuSample, after: CpuSample): { api: number; postgres: number; load: number } {
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  return { api: after.api - before.api, postgres, load: after.load - before.load };
}
