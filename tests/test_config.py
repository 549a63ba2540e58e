import pytest

from lawqa.config import Config, ConfigError, find_config, load_config, parse_config
from lawqa.model import Severity

KNOWN = {"censored-term", "cjk-spacing", "broken-line"}


def test_defaults():
    cfg = parse_config({}, "x", KNOWN)
    assert cfg.fail_on == "error" and cfg.fail_threshold is Severity.ERROR
    assert cfg.include == ("*.txt",)


def test_valid_table():
    cfg = parse_config(
        {"fail-on": "never", "severity": {"cjk-spacing": "warning"}, "ignore": ["broken-line"], "max-bytes": 10},
        "x",
        KNOWN,
    )
    assert cfg.fail_threshold is None
    assert cfg.severity_of("cjk-spacing", Severity.INFO) is Severity.WARNING
    assert not cfg.enabled("broken-line") and cfg.enabled("censored-term")
    assert cfg.max_bytes == 10


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"fail_on": "error"}, "unknown key"),
        ({"fail-on": "sometimes"}, "fail-on"),
        ({"ignore": ["censored-trem"]}, "unknown rule id 'censored-trem'"),
        ({"severity": {"cjk-spacing": "fatal"}}, "severity.cjk-spacing"),
        ({"severity": {"nope": "info"}}, "unknown rule id 'nope'"),
        ({"max-bytes": -1}, "max-bytes"),
        ({"include": "*.txt"}, "include must be a list"),
    ],
)
def test_strict_errors_name_the_entry(table, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(table, "lawqa.toml", KNOWN)


def test_load_from_pyproject_and_lawqa_toml(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.lawqa]\nfail-on = "warning"\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    found = find_config(sub)
    assert found == tmp_path / "pyproject.toml"
    assert load_config(found, KNOWN).fail_on == "warning"
    (sub / "lawqa.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert find_config(sub) == sub / "lawqa.toml"
    assert load_config(sub / "lawqa.toml", KNOWN).fail_on == "never"


def test_bad_toml_names_file(tmp_path):
    bad = tmp_path / "lawqa.toml"
    bad.write_text("fail-on = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"lawqa\.toml: not valid TOML"):
        load_config(bad, KNOWN)


def test_no_config_is_default():
    assert load_config(None, KNOWN) == Config()
