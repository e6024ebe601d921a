#!/usr/bin/env python3
"""Where a Spark application's wall time goes, from its event log (spark.eventLog.enabled=true; a .zstd log is
read through the zstd command): the time with no task running (the driver's own work: planning, Delta log reads
and commits, file listing), and each stage's tasks' CPU time. Then a model of the wall time on N cores: the
driver's time plus, for each stage, the makespan of its tasks' CPU times on N slots (longest first). The model
ignores memory bandwidth, disk and the garbage collector, so it is a bound to compare measurements with, not a
measurement. Run the application with more task slots than the largest N (e.g. local[16] on a small machine:
the task count of a stage follows the slot count) so the stages are split as they would be there.

Usage: bench/scripts/spark-timeline.py EVENT_LOG [N ...]   (default N: 2 4 8 16)"""
import collections
import heapq
import json
import subprocess
import sys

path = sys.argv[1]
cores = [int(a) for a in sys.argv[2:]] or [2, 4, 8, 16]
tasks = collections.defaultdict(list)    # stage -> [(launch, finish, cpu_s)]
stage_name, sql_desc, stage_job = {}, {}, {}
t_start = t_end = None
lines = subprocess.run(['zstd', '-dc', path], check=True, capture_output=True, text=True).stdout.splitlines() \
    if path.endswith('.zstd') else open(path)
for line in lines:
    e = json.loads(line)
    ev = e['Event']
    if ev == 'SparkListenerApplicationStart':
        t_start = e['Timestamp']
    elif ev == 'SparkListenerApplicationEnd':
        t_end = e['Timestamp']
    elif ev == 'SparkListenerJobStart':
        sid = (e.get('Properties') or {}).get('spark.sql.execution.id')
        for s in e['Stage IDs']:
            stage_job[s] = sid
    elif ev == 'SparkListenerStageCompleted':
        i = e['Stage Info']
        stage_name[i['Stage ID']] = i['Stage Name']
    elif ev == 'SparkListenerTaskEnd':
        ti, tm = e['Task Info'], e.get('Task Metrics') or {}
        tasks[e['Stage ID']].append((ti['Launch Time'], ti['Finish Time'], tm.get('Executor CPU Time', 0) / 1e9))
    elif ev.endswith('SparkListenerSQLExecutionStart'):
        sql_desc[str(e['executionId'])] = e.get('description', '')[:60]

# the stretches with at least one task running; between them, the driver's own work
merged = []
for a, b in sorted((a, b) for ts in tasks.values() for a, b, _ in ts):
    if merged and a <= merged[-1][1]:
        merged[-1][1] = max(merged[-1][1], b)
    else:
        merged.append([a, b])
busy = sum(b - a for a, b in merged)
wall = (t_end - t_start) / 1e3
driver = wall - busy / 1e3
cpu_total = sum(c for ts in tasks.values() for _, _, c in ts)
print(f"wall {wall:.1f} s; no task running {driver:.1f} s; tasks' CPU {cpu_total:.1f} s in "
      f"{sum(len(t) for t in tasks.values())} tasks of {len(tasks)} stages")


def makespan(costs, n):
    slots = [0.0] * n
    for c in sorted(costs, reverse=True):
        heapq.heapreplace(slots, slots[0] + c)
    return max(slots)


for n in cores:
    t = sum(makespan([c for _, _, c in ts], n) for ts in tasks.values())
    print(f"model {n:>2} cores: {driver + t:7.1f} s  (driver {driver:.1f} + stages {t:.1f})")

rows = []
for s, ts in tasks.items():
    cpu = [c for _, _, c in ts]
    rows.append((makespan(cpu, max(cores)), sum(cpu), len(ts), max(cpu), s))
rows.sort(reverse=True)
print(f"\nstages by their time on {max(cores)} cores (model): stage, tasks, CPU s, longest task s, "
      f"{max(cores)}-core s, {min(cores)}-core s, name")
for top, tot, n, mx, s in rows[:25]:
    print(f"{s:>5} {n:>5} {tot:8.1f} {mx:7.1f} {top:7.1f} {makespan([c for _, _, c in tasks[s]], min(cores)):7.1f}  "
          f"{stage_name.get(s, '')[:50]} | {sql_desc.get(stage_job.get(s), '')}")

# the stretches with no task running (few long ones: start-up; many short ones: per-query driver work)
gaps = [(merged[0][0] - t_start, t_start, merged[0][0])] + \
       [(merged[i + 1][0] - merged[i][1], merged[i][1], merged[i + 1][0]) for i in range(len(merged) - 1)] + \
       [(t_end - merged[-1][1], merged[-1][1], t_end)]
first = {s: min(a for a, _, _ in ts) for s, ts in tasks.items()}
print(f"\n{len(gaps)} gaps; over 0.5 s: {sum(g for g, _, _ in gaps if g > 500) / 1e3:.1f} s in {sum(1 for g, _, _ in gaps if g > 500)}; "
      f"under 0.5 s: {sum(g for g, _, _ in gaps if g <= 500) / 1e3:.1f} s")
for g, a, b in sorted(gaps, reverse=True)[:15]:
    nxt = min(((first[s], s) for s in first if first[s] >= b), default=(0, None))[1]
    print(f"{g / 1e3:6.1f} s at {(a - t_start) / 1e3:6.1f} s, before stage {nxt} {stage_name.get(nxt, '')[:40]} | "
          f"{sql_desc.get(stage_job.get(nxt), '')}")
