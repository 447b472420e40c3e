"""The README documents every command, and its examples are commands kg accepts."""
from __future__ import annotations

import argparse
import re
import shlex

import pytest

from kg import cli, paths

README = (paths.HOME / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    parser = cli.parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def examples() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    return [line.split("|")[0].split(">")[0].strip() for line in lines if line.startswith("kg ")]


def test_the_readme_opens_with_make_run_and_make_test():
    first_block = re.search(r"```sh\n(.*?)```", README, re.DOTALL).group(1)
    assert first_block.splitlines()[0].startswith("make run")
    assert first_block.splitlines()[1].startswith("make test")


@pytest.mark.parametrize("command", commands())
def test_every_command_has_a_section_and_an_example(command):
    assert f"### kg {command}\n" in README, f"README has no section for `kg {command}`"
    assert any(e.split()[1] == command for e in examples()), f"README has no example of `kg {command}`"


@pytest.mark.parametrize("example", examples())
def test_every_example_is_accepted_by_the_parser(example):
    parser = cli.parser()
    parser.parse_args(shlex.split(example)[1:])   # exits (SystemExit) on an unknown option
