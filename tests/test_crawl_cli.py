"""`crawl` command line: bad input is a one-line usage error with exit status 2; help text."""
from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from conftest import ROOT
from crawler.cli import crawl


def invoke(*args: str):
    return CliRunner().invoke(crawl, list(args), catch_exceptions=False)


@pytest.mark.parametrize("args, message", [
    (["--bogus", "http://127.0.0.1:1/"], "No such option '--bogus'"),
    (["not-a-url"], "not an http(s) URL: 'not-a-url'"),
    (["ftp://example.com/file"], "not an http(s) URL"),
    (["--sitemap", "example.com/sitemap.xml"], "Invalid value for --sitemap"),
    (["--feed", "/rss.xml"], "Invalid value for --feed"),
    ([], "nothing to crawl"),
    (["http://127.0.0.1:1/", "--db", "/nonexistent-dir/sub/news.db"], "directory /nonexistent-dir/sub does not exist"),
    (["http://127.0.0.1:1/", "--db", "/tmp"], "is a directory"),
    (["https://news.example.com/", "--fast"], "--fast is for loopback test servers only"),
    (["http://127.0.0.1:1/", "--max-pages", "0"], "Invalid value for '--max-pages'"),
    (["http://127.0.0.1:1/", "--since", "last week"], "Invalid value for '--since'"),
    (["http://127.0.0.1:1/", "-s", "DOWNLOAD_TIMEOUT"], "expected NAME=VALUE"),
])
def test_crawl_cli_bad_input_is_a_one_line_usage_error(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0]


def test_crawl_cli_bad_input_exits_2_from_the_real_command(tmp_path):
    """The same through `python cli.py`, as a user runs it: nothing is created."""
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "crawl", "not a url",
                             "--db", str(tmp_path / "x.db")],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == \
        "Error: Invalid value for URLS: not an http(s) URL: 'not a url'"
    assert not (tmp_path / "x.db").exists()


def test_crawl_cli_every_option_has_help_and_the_docstring_ends_with_examples():
    for param in crawl.params:
        if isinstance(param, click.Option):
            assert param.help, param.name
    assert crawl.help.strip().splitlines()[-1].strip().startswith("python cli.py crawl")
    assert "Example:" in crawl.help
    result = invoke("--help")
    assert result.exit_code == 0
    for option in ("--urls-file", "--sitemap", "--feed", "--allow-domain", "--max-pages", "--depth",
                   "--since", "--db", "--refresh", "--resume-dir", "--fast", "--quiet", "--json",
                   "--verbose", "--contact"):
        assert option in result.output
