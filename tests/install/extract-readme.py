#!/usr/bin/env python3
"""Writes the README's "Use it from your build" snippets out as files, one directory per
subsection, so that run.sh builds exactly what the README shows.

    extract-readme.py README.md OUTDIR

For each `### Title` of that section that has code, OUTDIR/<title-slug>/ gets its
```make block as Makefile, its ```cmake block as CMakeLists.txt, and its ```sh blocks,
in order, as build.sh. Prints the directory names. Fails when the section or a
subsection run.sh expects is missing.
"""

import re
import sys
from pathlib import Path

FILES = {"make": "Makefile", "cmake": "CMakeLists.txt"}
# "c" is the slug of "### C++".
EXPECTED = {"pkg-config", "plain-make", "cmake", "c"}


def main() -> int:
    readme, outdir = Path(sys.argv[1]), Path(sys.argv[2])
    text = readme.read_text(encoding="utf-8")
    m = re.search(r"^## Use it from your build\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not m:
        sys.exit(f"{readme}: no '## Use it from your build' section")
    found = set()
    for sub in re.split(r"^### ", m.group(1), flags=re.M)[1:]:
        title, _, body = sub.partition("\n")
        slug = re.sub(r"[^a-z0-9]+", "-", title.strip().lower()).strip("-")
        blocks = re.findall(r"^```(\w+)\n(.*?)^```$", body, re.M | re.S)
        if not blocks:
            continue
        d = outdir / slug
        d.mkdir(parents=True)
        script = []
        for lang, code in blocks:
            if lang == "sh":
                script.append(code)
            elif lang in FILES:
                if (d / FILES[lang]).exists():
                    sys.exit(f"{title}: two {lang} blocks")
                (d / FILES[lang]).write_text(code, encoding="utf-8")
            else:
                sys.exit(f"{title}: a ```{lang} block, which the install test cannot run")
        (d / "build.sh").write_text("".join(script), encoding="utf-8")
        found.add(slug)
        print(slug)
    if missing := EXPECTED - found:
        sys.exit(f"{readme}: 'Use it from your build' lacks the subsections {sorted(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
