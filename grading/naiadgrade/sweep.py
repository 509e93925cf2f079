"""`grading/grade --sweep N`: hunting for flaky seeds.

Every test of the lab runs with seeds 1 to N under each of its CPU
counts, every run to the end (a test that failed once is still run with
the other seeds).  Under Bochs a seed is one interleaving, replayed
exactly, so each failing seed is a bug that can be looked at again: the
table lists them with the commands that replay them.
"""

from . import report


def table(outcomes):
    """The sweep's table: every failing (test, cpus, seed) with its
    reason and replay commands, then how often each test failed."""
    runs = [(o, r) for o in outcomes for r in o.runs]
    failed = [(o, r) for o, r in runs if not r.passed]
    seeds = sorted({r.spec.seed for _, r in runs})
    rows = ["", f"sweep: {len(outcomes)} test(s), seeds "
            f"{_span(seeds)}, {len(runs)} runs: {len(failed)} failed"]
    if not failed:
        rows.append("no seed failed")
        return "\n".join(rows)
    rows += ["", f"{'test':<40} {'cpus':>4} {'seed':>5}  reason"]
    for o, r in sorted(failed, key=lambda x: (x[0].lab, x[0].test.name,
                                              x[1].spec.cpus,
                                              x[1].spec.seed)):
        s = r.spec
        rows.append(f"{s.test:<40} {s.cpus:>4} {s.seed:>5}")
        rows.append(report.wrap(r.verdict.reason, 4))
        if s.label in o.replays:
            rows.append(f"    replay:  {o.replays[s.label]}")
        if r.ran:
            rows.append(f"    by hand: {report.by_hand(s, o.emu, o.kernel)}")
    rows += ["", "failing seeds per test and CPU count:"]
    for o in outcomes:
        bad = [r for r in o.runs if not r.passed]
        if not bad:
            continue
        by_cpus = {}
        for r in bad:
            by_cpus.setdefault(r.spec.cpus, []).append(r.spec.seed)
        runs = {c: sum(1 for r in o.runs if r.spec.cpus == c)
                for c in by_cpus}
        counts = "; ".join(f"cpus={c}: seeds {_list(sorted(v))} "
                           f"({len(v)}/{runs[c]})"
                           for c, v in sorted(by_cpus.items()))
        rows.append(f"  {o.test.name}: {counts}")
    return "\n".join(rows)


def _span(seeds):
    if seeds and seeds == list(range(seeds[0], seeds[-1] + 1)) and \
            len(seeds) > 2:
        return f"{seeds[0]}-{seeds[-1]}"
    return _list(seeds)


def _list(values):
    return ",".join(str(v) for v in values)
