"""The crash loop's deliveries: a simulated trial split into what three
independent producers send, written once into a plan directory that both the
reference and the crash run replay.

Each record key travels over one channel only, so the versions of a key
arrive in the same order in both runs however the channels interleave.
Where the daemon's result depends on the order of records of different
keys, those records share a channel too:
- DM, EX, AE, VS and EG go in spool files (a stopping rule counts AEs of
  every subject against the subjects DM made evaluable; a fatal AE withdraws
  the alert of a DM death);
- the labs an AE can merge with (an AE and a lab finding within
  `episode_days` are one episode, and the later one is stored `merged`:
  ALT/AST for A11, creatinine for A15) and the rest of the Hy's-law panel
  (bilirubin, ALP) go with the AEs in spool files;
- every other lab goes by subject: of every third subject in spool files,
  of the next as JSON lines over HTTP, of the next as HL7 v2 ORU^R01
  messages over MLLP (a lab's grade reads the subject's baseline of the
  same test, which thus travels with it).

And where the result depends on which of two channels came first, the
producers keep the simulated files' order between them (the producer says
how): a lab is sent once the spool has taken every file before the one it
came from (the subject's DM, its doses), and a DM or EX file once the labs
of the files before it were taken. Otherwise they run at once.

    plan/spool/NNNN-DATE.DOMAIN.csv  files to rename into the spool, in name order
    plan/http/NNNN-SEQ.lb.jsonl      one POST each, body as is
    plan/mllp/NNNN-SEQ.hl7           one message each (segments end in CR)
(NNNN: the number of the simulated file the delivery came from)
"""
import csv
import json
import os

HTTP_CHUNK = 200  # records per HTTP request
LAB_APPLICATION = "CRASHLAB"  # MSH-4: the batch name is MSH-4|MSH-10


# The tests (by LBTESTCD, or by LOINC when sent without one) that travel
# with the AEs; see above.
WITH_THE_AES = {"ALT", "AST", "BILI", "ALP", "CREAT", "1742-6", "1920-8", "1975-2", "6768-6", "2160-0"}


def lab_channel(subject_index):
    return ("spool", "http", "mllp")[subject_index % 3]


def channel_of_lab(row, channel_of_subject):
    if row.get("LBTESTCD") in WITH_THE_AES or (not row.get("LBTESTCD") and row.get("LBLOINC") in WITH_THE_AES):
        return "spool"
    # A lab of a subject DM never enrolled goes with the spool's labs.
    return channel_of_subject.get(row["USUBJID"], "spool")


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def hl7_escape(text):
    # The escape character first, so the escapes written are not escaped again.
    for raw, escaped in (("\\", "\\E\\"), ("|", "\\F\\"), ("^", "\\S\\"), ("&", "\\T\\"), ("~", "\\R\\")):
        text = text.replace(raw, escaped)
    return text


def hl7_time(dtc):
    # 2026-03-06T09:02 -> 202603060902 (the precision kept, no offset).
    return dtc.replace("-", "").replace("T", "").replace(":", "")


def reference_range(low, high):
    if low and high:
        return f"{low}-{high}"
    if high:
        return f"<{high}"
    if low:
        return f">{low}"
    return ""


def oru_message(control_id, subject, rows, seen_keys):
    """One ORU^R01 with one order (OBR) per lab record: the filler order
    number is the subject and LBSPID, so the record key (filler + OBX-3)
    is the same for a correction, which goes out with OBX-11 C."""
    first_time = hl7_time(rows[0]["LBDTC"])
    segments = [
        f"MSH|^~\\&|CRASHLOOP|{LAB_APPLICATION}|VIGIL|ESCC2L|{first_time}||ORU^R01^ORU_R01|{control_id}|P|2.5.1",
        f"PID|1||{subject}^^^ESCC2L^RI",
    ]
    for n, row in enumerate(rows, start=1):
        filler = f"{subject}-{row['LBSPID']}"
        if row.get("LBLOINC"):
            code = f"{row['LBLOINC']}^{hl7_escape(row.get('LBTESTCD', ''))}^LN"
        else:
            code = f"{hl7_escape(row['LBTESTCD'])}^{hl7_escape(row['LBTESTCD'])}^L"
        status = "C" if filler in seen_keys else "F"
        seen_keys.add(filler)
        value = row.get("LBSTRESN") or row.get("LBORRES", "")
        kind = "NM" if value and value.replace(".", "", 1).lstrip("-").isdigit() else "ST"
        unit = row.get("LBSTRESU") or row.get("LBORRESU", "")
        when = hl7_time(row["LBDTC"])
        segments.append(f"OBR|{n}|P{n}|{filler}^{LAB_APPLICATION}|{code}|||{when}")
        segments.append(f"OBX|1|{kind}|{code}||{hl7_escape(value)}|{hl7_escape(unit)}|"
                        f"{hl7_escape(reference_range(row.get('LBSTNRLO', ''), row.get('LBSTNRHI', '')))}"
                        f"||||{status}|||{when}")
    return "\r".join(segments) + "\r"


def source_number(name):
    """The simulated file a delivery came from, by its number (NNNN-...)."""
    return name.split("-", 1)[0]


def write_plan(simulated_dir, plan_dir):
    """Splits the simulated files into the three channels; returns the
    number of deliveries per channel."""
    for channel in ("spool", "http", "mllp"):
        os.makedirs(os.path.join(plan_dir, channel), exist_ok=True)
    names = sorted(n for n in os.listdir(simulated_dir) if not n.startswith("."))
    subjects = set()
    for name in names:
        if name.endswith(".dm.csv"):
            subjects.update(r["USUBJID"] for r in read_csv(os.path.join(simulated_dir, name))[1])
    channel_of = {s: lab_channel(i) for i, s in enumerate(sorted(subjects))}

    counts = {"spool": 0, "http": 0, "mllp": 0}
    seen_hl7_keys = set()
    for name in names:
        path = os.path.join(simulated_dir, name)
        if not name.endswith(".lb.csv"):
            with open(path, "rb") as src, open(os.path.join(plan_dir, "spool", name), "wb") as dst:
                dst.write(src.read())
            counts["spool"] += 1
            continue
        header, rows = read_csv(path)
        by_channel = {"spool": [], "http": [], "mllp": []}
        for row in rows:
            by_channel[channel_of_lab(row, channel_of)].append(row)
        stem = name[: -len(".lb.csv")]
        number = source_number(name)
        if by_channel["spool"]:
            write_csv(os.path.join(plan_dir, "spool", name), header, by_channel["spool"])
            counts["spool"] += 1
        http_rows = by_channel["http"]
        for start in range(0, len(http_rows), HTTP_CHUNK):
            lines = [json.dumps({k: v for k, v in row.items() if v != ""}, sort_keys=True)
                     for row in http_rows[start:start + HTTP_CHUNK]]
            counts["http"] += 1
            with open(os.path.join(plan_dir, "http", f"{number}-{counts['http']:06d}.lb.jsonl"), "w") as f:
                f.write("\n".join(lines) + "\n")
        groups = {}
        for row in by_channel["mllp"]:
            groups.setdefault((row["USUBJID"], row["LBDTC"]), []).append(row)
        for (subject, _), group in sorted(groups.items()):
            counts["mllp"] += 1
            control_id = f"{stem}-{counts['mllp']:06d}"
            with open(os.path.join(plan_dir, "mllp", f"{number}-{counts['mllp']:06d}.hl7"), "w", newline="") as f:
                f.write(oru_message(control_id, subject, group, seen_hl7_keys))
    return counts
