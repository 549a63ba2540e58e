import pytest

from lawqa.paths import PathError, expand, report_names


def test_expand_folder_file_glob(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.txt").write_text("x")
    (tmp_path / "a" / "2.md").write_text("x")
    (tmp_path / "b.dat").write_text("x")
    got = [p for p, _ in expand([str(tmp_path / "a"), str(tmp_path / "b.dat"), str(tmp_path / "a" / "*.txt")])]
    assert got == [str(tmp_path / "a" / "1.txt"), str(tmp_path / "b.dat")]


def test_missing_path_and_empty_glob(tmp_path):
    with pytest.raises(PathError, match="no such file"):
        expand([str(tmp_path / "nope.txt")])
    with pytest.raises(PathError, match="matches no file"):
        expand([str(tmp_path / "*.nothing")])


def test_report_names_never_collide():
    paths = ["x/a/001.txt", "x/b/001.txt", "002.txt", "c/002.txt", "d e/003.txt", "d?e/003.txt", "报告/001.txt"]
    names = report_names(paths)
    assert len(set(names.values())) == len(paths)
    assert names["002.txt"] != names["c/002.txt"]
    assert names["x/a/001.txt"].endswith("001") and "a" in names["x/a/001.txt"]
    assert all("/" not in n and "?" not in n and " " not in n for n in names.values())


def test_report_name_is_stem_when_unique():
    assert report_names(["corpus/002.txt"]) == {"corpus/002.txt": "002"}


def test_jobs_read_absolute_paths_and_display_what_was_given(tmp_path, monkeypatch):
    """A Dask worker runs in its own working directory: it must be handed absolute paths."""
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    assert expand(["d"]) == [(str(tmp_path / "d" / "a.txt"), "d/a.txt")]
