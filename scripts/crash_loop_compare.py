"""What the crash loop compares: a stopped run's state read through vigilctl
and its peers' logs, reduced to what must not depend on when vigild was
killed, and the differences between two runs in words.
"""
import collections
import json
import subprocess

# Far enough after the simulated trial that the summary holds every record.
SUMMARY_ASOF = "2099-12-31"


def vigilctl(binary, state, *args, check=True):
    r = subprocess.run([binary, "--state-dir", state, *args], capture_output=True, text=True)
    if check and r.returncode != 0:
        raise RuntimeError(f"vigilctl {' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
    return r


def without_times(node):
    """The summary without the times it was generated at (they differ from
    run to run; everything else must not)."""
    if isinstance(node, dict):
        return {k: without_times(v) for k, v in node.items() if not k.endswith("generated_at")}
    if isinstance(node, list):
        return [without_times(v) for v in node]
    return node


def read_jsonl(path):
    try:
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return []


def webhook_figures(requests):
    """Notifications the webhook received: by (dedupe_key, event), and the
    repeats, recognised by an Idempotency-Key seen before."""
    seen = collections.Counter()
    events = set()
    for r in requests:
        seen[r["headers"].get("idempotency-key", "")] += 1
        body = json.loads(r["body"])
        events.add((body["alert"]["dedupe_key"], body["event"]))
    return {"requests": len(requests), "notifications": len(seen),
            "repeats": sum(n - 1 for n in seen.values()), "events": events}


def collect(vigilctl_bin, state, subjects, webhook_log, smtp_log):
    """Everything the comparison needs from one stopped run."""
    status = json.loads(vigilctl(vigilctl_bin, state, "status", "--format", "json").stdout)
    status.pop("storage", None)  # file sizes: a run with restarts holds more audit entries
    status.pop("ingestion", None)
    status_text = [line for line in vigilctl(vigilctl_bin, state, "status").stdout.splitlines()
                   if not line.startswith("database: ")]
    summary = without_times(json.loads(
        vigilctl(vigilctl_bin, state, "summary", "--asof", SUMMARY_ASOF, "--format", "json").stdout))
    grades = {s: vigilctl(vigilctl_bin, state, "grades", "--subject", s, "--format", "csv").stdout for s in subjects}
    alerts = json.loads(vigilctl(vigilctl_bin, state, "alerts", "--state", "all", "--format", "json").stdout)
    audit_ok = vigilctl(vigilctl_bin, state, "audit", "verify", check=False)
    audit = json.loads(vigilctl(vigilctl_bin, state, "audit", "show", "--format", "json").stdout)
    deliveries = collections.Counter()
    raised = collections.Counter()
    notified = collections.Counter()  # (alert, event, channel): audited once when delivered
    for e in audit:
        if e["action"] in ("delivery.received", "delivery.unreadable"):
            deliveries[(e["detail"].get("source", ""), e["detail"].get("name", ""))] += 1
        elif e["action"] == "alert.raised":
            raised[e["object"]] += 1
        elif e["action"] == "alert.delivered":
            notified[(e["object"], e["detail"].get("event", ""), e["detail"].get("channel", ""))] += 1
    return {
        "status": status,
        "status_text": status_text,
        "summary": summary,
        "grades": grades,
        "alerts": collections.Counter(f"{a['dedupe_key']} {a['state']}" for a in alerts),
        "alert_ids": {a["dedupe_key"]: a["state"] for a in alerts},
        "audit_verify": (audit_ok.returncode, (audit_ok.stdout + audit_ok.stderr).strip()),
        "deliveries": deliveries,
        "raised": raised,
        "notified": notified,
        "webhook": webhook_figures(read_jsonl(webhook_log)),
        "emails": len(read_jsonl(smtp_log)),
    }


def first_difference(a, b, path=""):
    """The first place two JSON values differ, as a path and both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: {'missing' if k not in a else 'present'} in the crash run"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items, reference {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {json.dumps(a)[:200]}, reference {json.dumps(b)[:200]}"


def counter_difference(crash, reference):
    more = crash - reference
    less = reference - crash
    out = []
    if more:
        out.append("extra " + ", ".join(f"{k} x{n}" for k, n in list(more.items())[:5]))
    if less:
        out.append("missing " + ", ".join(f"{k} x{n}" for k, n in list(less.items())[:5]))
    return "; ".join(out)


def differences(crash, reference):
    """Every way the crash run falls short, each in one line."""
    problems = []
    for key in sorted(set(crash["status"]) | set(reference["status"])):
        d = first_difference(crash["status"].get(key), reference["status"].get(key), key)
        if d:
            problems.append(f"status: {d}")
    if crash["status_text"] != reference["status_text"]:
        if len(crash["status_text"]) != len(reference["status_text"]):
            problems.append(f"status text: {len(crash['status_text'])} lines, reference "
                            f"{len(reference['status_text'])}")
        for got, want in zip(crash["status_text"], reference["status_text"]):
            if got != want:
                problems.append(f"status text: '{got}', reference '{want}'")
    d = first_difference(crash["summary"], reference["summary"], "summary")
    if d:
        problems.append(f"summary: {d}")
    for subject, text in crash["grades"].items():
        if text != reference["grades"][subject]:
            problems.append(f"grades of {subject} differ ({len(text.splitlines())} lines, reference "
                            f"{len(reference['grades'][subject].splitlines())})")
    if crash["alerts"] != reference["alerts"]:
        problems.append("alerts (dedupe_key state): " + counter_difference(crash["alerts"], reference["alerts"]))
    twice = {k: n for k, n in crash["raised"].items() if n > 1 and reference["raised"].get(k, 0) < n}
    if twice:
        problems.append(f"alerts raised more than once: {list(twice)[:5]}")
    if crash["audit_verify"][0] != 0:
        problems.append(f"audit verify: exit {crash['audit_verify'][0]}: {crash['audit_verify'][1][:300]}")
    doubled = [k for k, n in crash["deliveries"].items() if n != 1]
    if doubled:
        problems.append(f"deliveries audited more than once: {doubled[:5]}")
    if set(crash["deliveries"]) != set(reference["deliveries"]):
        problems.append("deliveries audited: " + counter_difference(
            collections.Counter(set(crash["deliveries"])), collections.Counter(set(reference["deliveries"]))))
    if crash["notified"] != reference["notified"]:
        problems.append("notifications audited as delivered (alert, event, channel): "
                        + counter_difference(crash["notified"], reference["notified"]))
    missing = reference["webhook"]["events"] - crash["webhook"]["events"]
    extra = crash["webhook"]["events"] - reference["webhook"]["events"]
    if missing or extra:
        problems.append(f"webhook notifications (dedupe_key, event): missing {sorted(missing)[:5]}, "
                        f"extra {sorted(extra)[:5]}")
    unnotified = [k for k, state in crash["alert_ids"].items()
                  if state != "merged" and (k, "raised") not in crash["webhook"]["events"]]
    if unnotified:
        problems.append(f"alerts never delivered to the webhook: {unnotified[:5]}")
    if crash["emails"] < reference["emails"]:
        problems.append(f"e-mails: {crash['emails']}, reference {reference['emails']}")
    return problems
