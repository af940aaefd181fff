#!/usr/bin/env python3
"""Replays the README's jwt-tool session and compares what the tool prints now with
what the README shows, so that the README's CLI section is real output.

    readme-transcript.py check README.md JWT-TOOL     exit 1 when the output differs
    readme-transcript.py print README.md JWT-TOOL     the session, replayed now (to paste)

The session is the ```console block of the section "## Command line: jwt-tool":
lines "$ COMMAND" followed by what the command printed (stdout and stderr). The
commands run in order in one bash in an empty directory, `jwt-tool` being the tool
with --now fixed: in `check`, to the iat of the first token the README shows (the
moment it was captured); in `print`, to the clock.
"""

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import time

MARK = "@@jwt-tool-transcript@@"


def session(readme):
    text = open(readme, encoding="utf-8").read()
    m = re.search(r"^## Command line: jwt-tool\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not m:
        sys.exit(f"{readme}: no '## Command line: jwt-tool' section")
    block = re.search(r"^```console\n(.*?)^```$", m.group(1), re.M | re.S)
    if not block:
        sys.exit(f"{readme}: no ```console block in '## Command line: jwt-tool'")
    steps = []
    for line in block.group(1).splitlines():
        if line.startswith("$ "):
            steps.append([line[2:], []])
        elif steps:
            steps[-1][1].append(line)
    return steps


def captured_at(steps):
    for _, out in steps:
        for line in out:
            if re.fullmatch(r"[\w-]+\.[\w-]+\.[\w-]+", line):
                seg = line.split(".")[1]
                return json.loads(base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4)))["iat"]
    sys.exit("the README session shows no token with an iat")


def replay(steps, tool, now):
    script = [f'jwt-tool() {{ {json.dumps(tool)} "$1" --now {now} "${{@:2}}"; }}']
    for cmd, _ in steps:
        script.append(f"{cmd} 2>&1; __rc=$?; echo {MARK}; (exit $__rc)")
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, LC_ALL="C")
        env.pop("NO_COLOR", None)
        res = subprocess.run(["bash", "-c", "\n".join(script)], cwd=d, env=env,
                             capture_output=True, text=True, stdin=subprocess.DEVNULL)
    outs = res.stdout.split(MARK + "\n")
    return [o.splitlines() for o in outs[: len(steps)]]


def main(argv):
    mode, readme, tool = argv[1], argv[2], os.path.abspath(argv[3])
    steps = session(readme)
    if mode == "print":
        for (cmd, _), out in zip(steps, replay(steps, tool, int(time.time()))):
            print("$ " + cmd)
            for line in out:
                print(line)
        return 0
    failed = 0
    for (cmd, want), got in zip(steps, replay(steps, tool, captured_at(steps))):
        if got != want:
            failed += 1
            print(f"README session: '$ {cmd}' now prints:", *got, "the README shows:", *want,
                  sep="\n  ", file=sys.stderr)
    print(f"README session: {len(steps)} commands, {failed} differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
