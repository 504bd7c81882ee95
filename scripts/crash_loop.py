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


def parse_args():
    parser = argparse.ArgumentParser(prog="crash_loop.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="SIGKILLs of vigild in the crash run (200)")
    parser.add_argument("--subjects", type=int, default=12, help="subjects of the simulated trial (12)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the simulated trial and of the kills (1)")
    parser.add_argument("--build-dir", default="build", help="where vigild and vigilctl were built (build)")
    parser.add_argument("--max-delay-ms", type=int, default=0,
                        help="longest life of vigild between kills (default: from the reference's intake time)")
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


def crash_run(run, kills, max_delay_s, rng):
    """SIGKILLs at random moments until `kills` or until the intake is done,
    then a clean run that finishes the intake and drains the outbox."""
    started = time.monotonic()
    run.start_peers()
    run.start_daemon()
    run.create_token()
    run.start_producers()
    done, mid_intake = 0, 0
    while done < kills:
        time.sleep(rng.uniform(0, max_delay_s))
        if run.intake_done():
            break
        run.kill_daemon()
        done += 1
        if not run.intake_done():
            mid_intake += 1
        run.start_daemon()
        if done % 25 == 0:
            log(f"crash run: {done} kills")
    committed = run.deliveries_committed()
    run.wait_intake_done()
    run.wait_outbox_drained()
    run.stop_daemon()
    # A last clean start and stop: nothing is left to do, nothing changes.
    run.start_daemon()
    run.wait_outbox_drained()
    run.stop_daemon()
    return done, mid_intake, committed, time.monotonic() - started


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
    kills, mid_intake, committed = kill_figures
    status = crash["status"]
    received = next((line for line in crash["status_text"] if line.startswith("received records:")), "")
    alerts = status["alerts"]
    webhook = crash["webhook"]
    retries = {c: r["retries"] for c, r in crashed.producer_reports().items()}
    lines = [
        f"subjects {args.subjects}, seed {args.seed}",
        f"kills: {kills} ({mid_intake} with intake still going; vigild started {crashed.starts} times; "
        f"{committed} of {sum(plan_counts.values())} deliveries committed when the kills ended)",
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
            f"{max_delay_s * 1000:.0f} ms between them")
        kills, mid_intake, committed, durations["crash"] = crash_run(crashed, args.kills, max_delay_s, random.Random(args.seed))
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
    figures(args, plan_counts, got, want, (kills, mid_intake, committed), durations, crashed)
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
