from hypothesis import given
from hypothesis import strategies as st

from lawqa.ingest.lines import split_lines


def test_universal_newlines_only():
    text = "一\r\n二\r三\n四\x0c五\u2028六\x85七\x1c八"
    lines, newline = split_lines(text)
    assert lines == ("一", "二", "三", "四\x0c五\u2028六\x85七\x1c八")
    assert newline == "mixed"


def test_styles_and_final_newline():
    assert split_lines("a\nb\n") == (("a", "b"), "\n")
    assert split_lines("a\r\nb") == (("a", "b"), "\r\n")
    assert split_lines("a\rb\r") == (("a", "b"), "\r")
    assert split_lines("") == ((), "")
    assert split_lines("solo") == (("solo",), "")
    assert split_lines("a\n\n") == (("a", ""), "\n")


@given(
    st.lists(st.text(alphabet=st.characters(blacklist_characters="\r\n")), min_size=1),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_round_trip(parts, sep):
    lines, _ = split_lines(sep.join(parts))
    expected = list(parts)
    if expected[-1] == "":  # a final terminator does not open a line; empty text has none
        expected.pop()
    assert list(lines) == expected
