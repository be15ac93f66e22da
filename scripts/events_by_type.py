#!/usr/bin/env python3
"""Scores `rasd events --json` per PLOVER type with the shared scorer.

usage: events_by_type.py GOLD.json SYSTEM_EVENTS.jsonl [SCORER=../shared/tools/score.py]

Writes, for each type present in the gold file, the gold events of that type and the system
events of that type to temporary files and runs the scorer on them; prints a Markdown table
(required gold events, system events, precision, recall, F1).
"""
import json
import os
import subprocess
import sys
import tempfile

gold_path, sys_path = sys.argv[1], sys.argv[2]
scorer = sys.argv[3] if len(sys.argv) > 3 else "../shared/tools/score.py"
gold = json.load(open(gold_path, encoding="utf-8"))
system = [json.loads(l) for l in open(sys_path, encoding="utf-8") if l.strip()]
types = sorted({e["type"] for e in gold["events"] if e.get("required", True)})
print("| type | gold (required) | system | precision | recall | F1 |")
print("|---|---|---|---|---|---|")
with tempfile.TemporaryDirectory() as tmp:
    for t in types:
        g = dict(gold, events=[e for e in gold["events"] if e["type"] == t])
        gp, sp = os.path.join(tmp, "g.json"), os.path.join(tmp, "s.jsonl")
        json.dump(g, open(gp, "w", encoding="utf-8"), ensure_ascii=False)
        with open(sp, "w", encoding="utf-8") as f:
            for e in system:
                if e.get("type") == t:
                    f.write(json.dumps(e, ensure_ascii=False) + "\n")
        out = subprocess.run([sys.executable, scorer, "events", gp, sp, "--json"],
                             capture_output=True, text=True, check=True).stdout
        r = json.loads(out)
        print(f"| {t} | {r['gold_required']} | {r['system_events']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
