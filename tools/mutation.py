#!/usr/bin/env python3
"""Mutation testing of the core modules (mutmut 3): the score per module and the survivors.

    python tools/mutation.py                  # every module below, with the tests below
    python tools/mutation.py textfit colors   # some of them
    python tools/mutation.py --jobs 1         # one worker (default: one per CPU)

mutmut copies `src/` into a work folder (`build/mutation/mutants/`), changes one thing at
a time in the modules below (a `<` for a `<=`, a number, a dropped argument…) and runs
the tests below against each change. A change some test notices is *killed*; one no test
notices *survived*, and is either a gap in the tests or a change that cannot make a
difference (an equivalent mutant). Score = killed / all mutants of the module (a mutant
that makes the tests hang counts as killed; one that no test reaches counts as
survived). Exit status 0 when every module reaches TARGET, 1 otherwise.

The configuration lives here, not in pyproject.toml: the work folder gets the project's
pyproject.toml with a generated [tool.mutmut] section. Afterwards, `cd build/mutation &&
mutmut show NAME` shows a mutant, `mutmut browse` all of them.
Limits of mutmut 3: it mutates the bodies of functions and methods, not module-level
constants, and it skips decorated functions (`@property`, `@lru_cache`, …).
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

# ---------------------------------------------------------------- what is tested, and how
# The modules are being renamed and split: keep these two lists in step with src/.

MODULES: dict[str, str] = {  # name in the report → file
    "textfit": "src/poster/textfit.py",
    "geometry": "src/poster/geometry.py",
    "tile": "src/poster/plan/tile.py",
    "poster": "src/poster/plan/poster.py",
    "colors": "src/poster/colors.py",
    "qr": "src/poster/qr.py",
    "files": "src/poster/files.py",
    "localities": "src/poster/localities.py",
    "catalogue": "src/poster/catalogue/__init__.py",  # the others are tables, not code
    "text": "src/poster/readers/text.py",
    "workbook": "src/poster/readers/workbook.py",
    "sheet": "src/poster/readers/sheet.py",
    "folder": "src/poster/readers/folder.py",
    "icon": "src/poster/readers/icon.py",
    "sources": "src/poster/readers/sources.py",
    "batch": "src/poster/batch.py",
    "jobs": "src/poster/web/jobs.py",
    "messages": "src/poster/web/messages.py",
    "app": "src/poster/web/app.py",
}

# Modules mutated in part: only these functions (mutmut's names: 'x_name' for a function,
# 'xǁClassǁmethod' for a method, a '*' as in a glob). The rest of them runs in worker
# processes or under a server (the batch's pool, the page's renders and the app built by
# create_app), which fast tests do not start; the score counts these functions alone.
PARTS: dict[str, list[str]] = {
    "batch": [
        "x_assign_slugs", "x_commune_sources", "x__file_digest", "x_internal_error",
        "x_internal_problem", "x__death", "x_remove_partials", "x__read_manifest",
        "x__save_manifest", "x_sources_from", "x_plain_progress",
    ],
    "jobs": [
        "x__text", "x__checked", "x_parse_order", "x__control", "x__missing_glyph",
        "x__no_glyph", "x_brand_problems", "x__set_aside", "x_too_large_message",
        "x__field_holding", "x__too_wide", "x__shape", "x_logo_min_px", "x__logo_warning",
        "x__page_labels", "x__zip", "x_reject", "xǁInvalidǁ*",
    ],
    "app": [
        "xǁSecurityHeadersǁ*", "x__hostname", "x__is_ip", "xǁStrangersǁ*", "x__origin",
        "x__bug_body", "xǁLogoStoreǁ*", "x_logo_token", "xǁBodyLimitǁ*", "x__drain",
        "x__send_json", "x__too_large", "x__error", "x__read_form", "x__wants_html",
        "x__html_answer", "x__address", "xǁGuardǁ*", "x__incident", "x_sweep_stale", "x__alive",
        "xǁFoldersǁ*",
    ],
}  # fmt: skip

# Fast, in-process tests only. A test that runs `python -m poster` in a subprocess
# imports the original code, never the mutant, so it can kill nothing. mutmut runs, for
# each mutant, the tests that called the mutated function when it ran them all once; a
# result shared between tests (a module-scoped fixture, a cache) is credited to the
# first test alone, so these tests build what they check themselves.
TESTS: list[str] = [
    "tests/test_stage_textfit.py",
    "tests/test_stage_geometry.py",
    "tests/test_stage_plan.py",
    "tests/test_stage_tile.py",
    "tests/test_stage_poster.py",
    "tests/test_stage_colors.py",
    "tests/test_stage_qr.py",
    "tests/test_stage_export.py",
    "tests/test_stage_inputs.py",
    "tests/test_stage_places.py",
    "tests/test_stage_catalogue.py",
    "tests/test_stage_text.py",
    "tests/test_stage_sheet.py",
    "tests/test_stage_workbook.py",
    "tests/test_stage_icon.py",
    "tests/test_stage_batch.py",
    "tests/test_stage_form.py",
    "tests/test_stage_guards.py",
]

# Besides src/ and tests/, what the tests read from the checkout.
DATA: list[str] = ["fonts", "layouts", "content"]

TARGET = 80.0  # percent killed, per module

# ---------------------------------------------------------------- the run

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "build" / "mutation"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}

# Prints, for each mutant name on stdin, the lines the mutant changes (run inside WORK).
DIFFS = """
import sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
for name in sys.stdin.read().split():
    try:
        diff = get_diff_for_mutant(name)
    except Exception as e:  # an unreadable mutant is named, not fatal
        print(name, "\\t", f"(no diff: {e})")
        continue
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    print(name, "\\t", " | ".join(" ".join(line.split()) for line in changed))
"""


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def prepare(modules: dict[str, str], tests: list[str]) -> None:
    """A fresh work folder: links to the sources, tests and data; pyproject with mutmut's part."""
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    for name in ["src", "tests", *DATA]:
        (WORK / name).symlink_to(REPO / name, target_is_directory=True)
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    if "[tool.mutmut]" in pyproject:
        sys.exit("pyproject.toml has a [tool.mutmut] section; the configuration lives here")
    pyproject += f"""
[tool.mutmut]
source_paths = ["src"]
only_mutate = {toml_list(list(modules.values()))}
also_copy = {toml_list(DATA)}
pytest_add_cli_args_test_selection = {toml_list(tests)}
pytest_add_cli_args = ["-p", "no:cacheprovider"]
# Each mutant's tests run in a process forked before any test ran, so no cache filled
# by the original code (fitted tiles, loaded layouts) hides a mutant.
process_isolation = "forkserver"
use_git_change_detection = false
"""
    (WORK / "pyproject.toml").write_text(pyproject, encoding="utf-8")


def mutmut(*args: str, capture: bool = False, stdin: str | None = None) -> str:
    """`mutmut ARGS` in the work folder (`mutmut -c CODE`: Python with mutmut's modules)."""
    exe = Path(sys.executable).with_name("mutmut")
    if not exe.exists():
        exe = Path(shutil.which("mutmut") or "mutmut")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # mutmut sets the path
    # every mutant is in the same files (mutmut 3 switches them at run time): an answer
    # kept on disk by one mutant must never be read by another
    env["POSTER_CACHE_DIR"] = "off"
    done = subprocess.run(
        [sys.executable, *args] if args[0] == "-c" else [str(exe), *args],
        cwd=WORK,
        env=env,
        text=True,
        input=stdin,
        stdout=subprocess.PIPE if capture else None,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"mutmut {' '.join(args[:1])} failed (exit {done.returncode})")
    return done.stdout or ""


def module_of(mutant: str, dotted: dict[str, str]) -> str:
    """'poster.textfit.x_wrap__mutmut_3' → 'textfit' (methods: 'x' + 'ǁClassǁmethod')."""
    prefix = re.split(r"\.x[_ǁ]", mutant, maxsplit=1)[0]
    return dotted.get(prefix, prefix)


def in_parts(mutant: str, dotted: dict[str, str]) -> bool:
    """Whether a mutant is of its module's PARTS (every mutant of a module without them)."""
    module = module_of(mutant, dotted)
    if module not in PARTS:
        return True
    prefix = next(d for d, m in dotted.items() if m == module)
    function = mutant.removeprefix(prefix + ".").rsplit("__mutmut_", 1)[0]
    return any(fnmatch.fnmatchcase(function, f) for f in PARTS[module])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=", ".join(MODULES))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="worker processes")
    parser.add_argument("--tests", nargs="+", default=TESTS, help="other test files")
    parser.add_argument("--no-diff", action="store_true", help="list survivors by name only")
    args = parser.parse_args()
    unknown = set(args.modules) - set(MODULES)
    if unknown:
        parser.error(f"unknown module {', '.join(sorted(unknown))} (known: {', '.join(MODULES)})")
    modules = {m: MODULES[m] for m in (args.modules or MODULES)}
    # a package's __init__.py is the package: 'poster.catalogue.x_say__mutmut_1'
    dotted = {p.removeprefix("src/").removesuffix(".py").removesuffix("/__init__")
              .replace("/", "."): m for m, p in modules.items()}  # fmt: skip

    prefix = {m: d for d, m in dotted.items()}
    # mutmut's names of the mutants to run: all of a module's, or those of its PARTS (a
    # pattern that also matches the function's own name, by which mutmut finds its tests)
    patterns = [f"{prefix[m]}.{f}*" for m in modules for f in PARTS.get(m, ["x"])]

    start = time.monotonic()
    prepare(modules, args.tests)
    names = patterns if any(m in PARTS for m in modules) else []
    mutmut("run", "--max-children", str(args.jobs), *names)
    elapsed = time.monotonic() - start

    status: dict[str, str] = {}
    for line in mutmut("results", "--all", "true", capture=True).splitlines():
        name, sep, state = line.strip().rpartition(": ")
        if sep and module_of(name, dotted) in modules and in_parts(name, dotted):
            status[name] = state

    print(f"\n{len(args.tests)} test files, {elapsed / 60:.1f} min with {args.jobs} workers")
    head = ("module", "killed", "timeout", "survived", "no tests", "other", "total", "score")
    print("{:<10}{:>8}{:>9}{:>10}{:>10}{:>7}{:>7}{:>8}".format(*head))
    ok = True
    for module in modules:
        counts = Counter(s for n, s in status.items() if module_of(n, dotted) == module)
        total = sum(counts.values())
        killed = sum(counts[s] for s in KILLED)
        other = total - killed - counts["survived"] - counts["no tests"]
        score = 100.0 * killed / total if total else 100.0
        ok &= score >= TARGET
        row = (module, killed, counts["timeout"], counts["survived"], counts["no tests"], other,
               total, f"{score:.1f}%")  # fmt: skip
        flag = "" if score >= TARGET else f"  below {TARGET:g} %"
        print("{:<10}{:>8}{:>9}{:>10}{:>10}{:>7}{:>7}{:>8}".format(*row) + flag)

    survivors = sorted(n for n, s in status.items() if s not in KILLED)
    if survivors:
        print(f"\n{len(survivors)} survivors:")
        if args.no_diff:
            print("\n".join(f"  {n}  ({status[n]})" for n in survivors))
        else:
            text = mutmut("-c", DIFFS, capture=True, stdin="\n".join(survivors))
            for line in text.splitlines():
                name, _, change = line.partition("\t")
                print(f"  {name.strip()} ({status.get(name.strip(), '?')}): {change.strip()}")
    print(f"\n{'all modules reach' if ok else 'below'} {TARGET:g} %; work folder {WORK}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
