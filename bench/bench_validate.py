"""Cold-start `datasheet validate` on one datasheet, beside yamllint and check-jsonschema.

    python bench/bench_validate.py [--runs N] [--file DATASHEET]

Every command is a whole new process on the same file, timed round-robin; the table shows the
median. yamllint only checks YAML style (no schema); check-jsonschema validates against the same
compiled JSON Schema; linkml-validate (when installed) validates against the LinkML source.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

from _timing import table, time_commands, tool

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--file", type=Path, default=ROOT / "datasheets" / "ham10000.yaml")
    args = parser.parse_args()
    target = str(args.file)
    schema = str(ROOT / "src" / "datasheet_kit" / "_compiled" / "datasheet.schema.json")
    commands = {"datasheet validate": [tool("datasheet"), "validate", target],
                "yamllint": [tool("yamllint"), target],
                "check-jsonschema": [tool("check-jsonschema"), "--schemafile", schema, target]}
    if tool("linkml-validate"):
        commands["linkml-validate"] = [tool("linkml-validate"), "-s",
                                       str(ROOT / "schema" / "datasheet.yaml"), target]
    missing = [name for name, cmd in commands.items() if cmd[0] is None]
    if missing:
        sys.exit(f"not installed: {', '.join(missing)} (run `make bench`)")
    runs = {name: args.runs if name != "linkml-validate" else max(3, args.runs // 4)
            for name in commands}
    times = time_commands(commands, runs)
    print(f"# validate, cold start: {Path(target).name}, {args.runs} runs "
          f"(linkml-validate {runs.get('linkml-validate', 0)}), "
          f"Python {platform.python_version()}, {platform.machine()}\n")
    print(table(times, "yamllint"))


if __name__ == "__main__":
    main()
