#!/usr/bin/python3
"""The crash loop (scripts/crash_loop.sh is the command): a simulated trial
fed through the spool, HTTP and MLLP at once by producers that retry, once
to an undisturbed vigild (the reference) and once to one SIGKILLed at random
moments again and again; then the two end states must be the same, every
delivery audited once and every alert delivered. Exit 0 when they are, 1
naming every difference, 2 for a usage error.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # the source tree stays clean when ctest runs this
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crash_loop_compare as compare  # noqa: E402
import crash_loop_feeds as feeds  # noqa: E402
from crash_loop_run import Run, log  # noqa: E402

# The share of restarts that are killed again before vigild is ready.
STARTUP_KILL_SHARE = 0.1


def parse_args():
    parser = argparse.ArgumentParser(prog="crash_loop.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="SIGKILLs of vigild in the crash run (200)")
    parser.add_argument("--subjects", type=int, default=12, help="subjects of the simulated trial (12)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the simulated trial and of the kills (1)")
    parser.add_argument("--build-dir", default="build", help="where vigild and vigilctl were built (build)")
    parser.add_argument("--max-delay-ms", type=int, default=0,
                        help="longest life of vigild between kills (default: from the reference's intake "
                             "time, lengthened while the intake lags behind the kills)")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR (created) and keep it; else a temporary one")
    args = parser.parse_args()
    if args.kills < 0 or args.subjects < 1:
        parser.error("--kills must be >= 0 and --subjects >= 1")
    return args


def reference_run(run):
    """The same feeds, uninterrupted."""
    started = time.monotonic()
    run.start_peers()
    run.start_daemon()
    run.create_token()
    run.start_producers()
    run.wait_intake_done()
    intake = time.monotonic() - started
    run.wait_outbox_drained()
    run.stop_daemon()
    return intake, time.monotonic() - started


def crash_run(run, kills, max_delay_s, rng, planned, adapt):
    """SIGKILLs at random moments, `kills` times, then a clean run that
    finishes the intake and drains the outbox. With
    `adapt`, vigild lives longer between kills while the intake lags behind
    the share of kills done (each restart costs recovery time, and a life
    shorter than a commit makes no progress), so the kills spread over the
    whole intake rather than pile up on its first deliveries."""
    started = time.monotonic()
    run.start_peers()
    ready_s = run.start_daemon()
    run.create_token()
    run.start_producers()
    figures = {"kills": 0, "mid_intake": 0, "in_startup": 0}

    def kill():
        run.kill_daemon()
        figures["kills"] += 1
        figures["mid_intake"] += 0 if run.intake_done() else 1
        if figures["kills"] % 25 == 0:
            log(f"crash run: {figures['kills']} kills")

    scale = 1.0
    while figures["kills"] < kills:
        # Once the intake is done the kills go on among the outbox's
        # deliveries and the restarts, at the first lives' length.
        time.sleep(rng.uniform(0, max_delay_s * (1.0 if run.intake_done() else scale)))
        kill()
        if figures["kills"] < kills and rng.random() < STARTUP_KILL_SHARE:
            # Killed again while it starts: recovering the spool, taking up
            # what the last kill interrupted, opening its listeners.
            run.start_daemon_unwatched()
            time.sleep(rng.uniform(0, ready_s))
            kill()
            figures["in_startup"] += 1
        ready_s = 0.8 * ready_s + 0.2 * run.start_daemon()
        if adapt:
            # Aimed a little behind the kills, so the last ones still land
            # before the intake ends.
            behind = (run.deliveries_committed() or 0) / planned < figures["kills"] / kills - 0.1
            scale = min(50.0, scale * 1.1) if behind else max(0.2, scale / 1.1)
    figures["longest_life_s"] = max_delay_s * scale
    figures["committed"] = run.deliveries_committed()
    run.wait_intake_done()
    run.wait_outbox_drained()
    run.stop_daemon()
    # A last clean start and stop: nothing is left to do, nothing changes.
    run.start_daemon()
    run.wait_outbox_drained()
    run.stop_daemon()
    figures["seconds"] = time.monotonic() - started
    return figures


def producer_problems(run):
    problems = []
    for channel, report in run.producer_reports().items():
        if report["error"]:
            problems.append(f"{run.name} {channel} producer: {report['error']}")
    return problems


def sample_subjects(sim_dir):
    """The first subject of each lab channel (spool, HTTP, MLLP)."""
    subjects = set()
    for name in os.listdir(sim_dir):
        if name.endswith(".dm.csv"):
            subjects.update(r["USUBJID"] for r in feeds.read_csv(os.path.join(sim_dir, name))[1])
    return sorted(subjects)[:3]


def figures(args, plan_counts, crash, reference, kill_figures, durations, crashed):
    status = crash["status"]
    received = next((line for line in crash["status_text"] if line.startswith("received records:")), "")
    alerts = status["alerts"]
    webhook = crash["webhook"]
    retries = {c: r["retries"] for c, r in crashed.producer_reports().items()}
    lines = [
        f"subjects {args.subjects}, seed {args.seed}",
        f"kills: {kill_figures['kills']} ({kill_figures['mid_intake']} with intake still going, "
        f"{kill_figures['in_startup']} before vigild was ready; vigild started {crashed.starts} times; "
        f"{kill_figures['committed']} of {sum(plan_counts.values())} deliveries committed when the kills ended; "
        f"vigild lived up to {kill_figures['longest_life_s'] * 1000:.0f} ms at the end)",
        f"records: {sum(status['records'].values())} current ({', '.join(f'{k} {v}' for k, v in sorted(status['records'].items()))}); {received}",
        f"deliveries per channel: spool {status['deliveries']['spool']}, http {status['deliveries']['http']}, "
        f"mllp {status['deliveries']['mllp']} (planned {plan_counts['spool']}, {plan_counts['http']}, {plan_counts['mllp']})",
        f"producer retries: http {retries.get('http', 0)}, mllp {retries.get('mllp', 0)}; "
        f"HTTP records held for a subject not yet enrolled: {crashed.producer_reports()['http']['held']}",
        f"alerts: {alerts['total']} ({alerts['open']} open; "
        f"{sum(1 for s in crash['alert_ids'].values() if s == 'withdrawn')} withdrawn, "
        f"{sum(1 for s in crash['alert_ids'].values() if s == 'merged')} merged)",
        f"notifications received: webhook {webhook['notifications']} in {webhook['requests']} requests "
        f"({webhook['repeats']} repeats by Idempotency-Key; reference {reference['webhook']['repeats']}), "
        f"e-mail {crash['emails']} (reference {reference['emails']})",
        f"duration: reference {durations['reference']:.1f} s, crash run {durations['crash']:.1f} s, "
        f"whole {durations['whole']:.1f} s",
    ]
    for line in lines:
        print(line, flush=True)


def main():
    args = parse_args()
    started = time.monotonic()
    for program in ("vigild", "vigilctl"):
        if not os.access(os.path.join(args.build_dir, "daemon", program), os.X_OK):
            print(f"crash_loop: no {args.build_dir}/daemon/{program}; build first or give --build-dir",
                  file=sys.stderr)
            return 2
    build_dir = os.path.abspath(args.build_dir)
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        root = os.path.abspath(args.keep)
    else:
        root = tempfile.mkdtemp(prefix="vigil-crash-loop-")

    sim_dir, plan_dir = os.path.join(root, "simulated"), os.path.join(root, "plan")
    subprocess.run([os.path.join(build_dir, "daemon", "vigilctl"), "simulate", "--subjects", str(args.subjects),
                    "--seed", str(args.seed), "--out", sim_dir], check=True, stdout=subprocess.DEVNULL)
    plan_counts = feeds.write_plan(sim_dir, plan_dir)
    log(f"plan: {plan_counts['spool']} spool files, {plan_counts['http']} HTTP requests, "
        f"{plan_counts['mllp']} HL7 messages in {root}")

    reference = Run(root, "reference", build_dir, plan_dir)
    crashed = Run(root, "crash", build_dir, plan_dir)
    durations = {}
    try:
        intake_s, durations["reference"] = reference_run(reference)
        max_delay_s = (args.max_delay_ms / 1000.0 if args.max_delay_ms
                       else min(2.0, max(0.05, 1.5 * intake_s / max(1, args.kills))))
        log(f"reference: intake {intake_s:.1f} s; crash run: {args.kills} kills, vigild lives up to "
            f"{max_delay_s * 1000:.0f} ms between them{'' if args.max_delay_ms else ' at first'}")
        kill_figures = crash_run(crashed, args.kills, max_delay_s, random.Random(args.seed),
                                 sum(plan_counts.values()), adapt=not args.max_delay_ms)
        durations["crash"] = kill_figures["seconds"]
        problems = producer_problems(reference) + producer_problems(crashed)
        subjects = sample_subjects(sim_dir)
        want = compare.collect(reference.vigilctl, reference.state, subjects,
                               os.path.join(reference.webhook_dir, "requests.jsonl"),
                               os.path.join(reference.smtp_dir, "messages.jsonl"))
        got = compare.collect(crashed.vigilctl, crashed.state, subjects,
                              os.path.join(crashed.webhook_dir, "requests.jsonl"),
                              os.path.join(crashed.smtp_dir, "messages.jsonl"))
    finally:
        reference.cleanup()
        crashed.cleanup()
    if want["audit_verify"][0] != 0:
        problems.append(f"reference audit verify: {want['audit_verify'][1][:300]}")
    problems += compare.differences(got, want)
    durations["whole"] = time.monotonic() - started
    figures(args, plan_counts, got, want, kill_figures, durations, crashed)
    if problems:
        for p in problems:
            print(f"DIFFERS: {p}", flush=True)
        print(f"crash_loop: FAILED ({len(problems)} differences); state kept in {root}", flush=True)
        return 1
    if not args.keep:
        shutil.rmtree(root)
    print("crash_loop: the crash run ends as the reference does", flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print(f"crash_loop: FAILED: {e}", flush=True)
        sys.exit(1)
