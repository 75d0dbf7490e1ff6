"""Print the one closing line of `make test`, counting real tests from the JUnit files and each
non-test step (lint, types, ...) as one check. Exits non-zero when anything failed."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

results = Path(sys.argv[1])
passed = failed = skipped = 0
for xml in sorted(results.glob("*.xml")):
    for case in ET.parse(xml).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
junit_steps = {xml.stem for xml in results.glob("*.xml")}
failed_steps = []
for marker in sorted((results / "steps").iterdir()):
    name, outcome = marker.stem, marker.suffix
    if outcome == ".fail":
        failed_steps.append(name)
        if name not in junit_steps:
            failed += 1
    elif name not in junit_steps:
        passed += 1
if failed_steps:
    print(f"failed steps: {', '.join(failed_steps)}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed_steps or failed else 0)
