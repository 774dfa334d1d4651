"""Fail unless each JUnit report ran on the expected database, with browser tests, and skipped nothing."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def check(path: str, database: str) -> list[str]:
    root = ET.parse(path).getroot()  # noqa: S314
    problems: list[str] = []
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    properties = {prop.get("name"): prop.get("value") for suite in suites for prop in suite.iter("property")}
    if properties.get("database") != database:
        problems.append(f"{path}: ran on {properties.get('database')!r}, expected {database!r}")
    cases = [case for suite in suites for case in suite.iter("testcase")]
    failed = [c for c in cases if c.find("failure") is not None or c.find("error") is not None]
    skipped = [c for c in cases if c.find("skipped") is not None]
    browser = [c for c in cases if c.get("classname", "").startswith("tests.e2e") and c not in skipped]
    if failed:
        problems.append(f"{path}: {len(failed)} failed test(s)")
    if skipped:
        names = ", ".join(f"{c.get('classname')}::{c.get('name')}" for c in skipped[:5])
        problems.append(f"{path}: {len(skipped)} skipped test(s): {names}")
    if not browser:
        problems.append(f"{path}: the browser tests (tests/e2e) did not run")
    print(f"{path}: {len(cases)} tests on {properties.get('database')}, {len(browser)} in the browser, "
          f"{len(skipped)} skipped, {len(failed)} failed")
    return problems


def main(arguments: list[str]) -> int:
    problems = [problem for argument in arguments for problem in check(*argument.split(":", 1))]
    for problem in problems:
        print("CI:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
