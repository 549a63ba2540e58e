import pytest

from lawqa.fsutil import atomic_stream, atomic_write


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "sub" / "r.json"
    atomic_write(target, "一")
    atomic_write(target, "二\n")
    assert target.read_text(encoding="utf-8") == "二\n"
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]


def test_interrupted_stream_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_stream(target) as fh:
        fh.write("half of the new")
        raise RuntimeError("stopped")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_newlines_are_written_as_given(tmp_path):
    target = tmp_path / "t.txt"
    atomic_write(target, "a\r\nb\n")
    assert target.read_bytes() == b"a\r\nb\n"


def test_written_files_get_ordinary_permissions(tmp_path):
    """mkstemp makes private files; reports must be readable like any file open() creates."""
    target = tmp_path / "r.html"
    atomic_write(target, "x")
    assert target.stat().st_mode & 0o044 == 0o044  # group and others may read it (mkstemp: 0600)
    target.chmod(0o640)
    atomic_write(target, "y")
    assert target.stat().st_mode & 0o777 == 0o640  # replacing keeps the file's mode
