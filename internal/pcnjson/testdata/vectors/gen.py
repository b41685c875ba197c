#!/usr/bin/env python3
"""Second, independent route to the submission digest (RFC 8785 for documents
that hold only strings, whole numbers, objects and arrays with ASCII keys):
Python's own JSON writer with sorted keys, no spaces and no ASCII escaping is
exactly JCS for such values. Writes digests.txt: "<file> <digest>" lines.
Run: python3 gen.py (from this folder). Go's tests compare against the file."""
import hashlib, json, glob, os

out = []
for path in sorted(glob.glob("*.json")):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    doc.pop("digest", None)
    canon = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    out.append("%s sha256:%s" % (path, hashlib.sha256(canon).hexdigest()))
with open("digests.txt", "w") as f:
    f.write("\n".join(out) + "\n")
