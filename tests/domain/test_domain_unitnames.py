import pytest
from hypothesis import given
from hypothesis import strategies as st

from greentasks.domain.unitnames import LEAD, SUPPORT, UnitMention, split_units

BRACKETS = ["各乡镇（街道）", "区级有关部门"]


def names(cell, bracket_names=BRACKETS):
    return [m.name for m in split_units(cell, bracket_names)]


def test_role_constants():
    assert (LEAD, SUPPORT) == ("牵头", "配合")


def test_mention_is_frozen():
    m = UnitMention("区发改委", LEAD)
    with pytest.raises(AttributeError):
        m.name = "x"  # type: ignore[misc]
    assert UnitMention("区发改委") == UnitMention("区发改委", None)


@pytest.mark.parametrize(
    "separator",
    [
        "、",
        "，",
        ",",
        "；",
        ";",
        "/",
        "／",
        "\n",
        "\r\n",
        " ",
        "  ",
        "\u3000",
        "\u00a0",
        "、 ",
        " ，",
        "|",
        "。",
    ],
)
def test_each_separator(separator):
    assert names(f"区发改委{separator}区经信委{separator}区财政局") == ["区发改委", "区经信委", "区财政局"]


def test_single_name():
    assert split_units("区发改委") == [UnitMention("区发改委", None)]
    assert split_units("  区发改委  ") == [UnitMention("区发改委", None)]


@pytest.mark.parametrize(
    "cell", [None, "", "   ", "、", "、，；\n", "（按职责分工负责）", "等", "牵头：", "牵头"]
)
def test_empty(cell):
    assert split_units(cell) == []


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("牵头：", LEAD),
        ("牵头:", LEAD),
        ("牵头单位：", LEAD),
        ("牵头单位:", LEAD),
        ("牵头部门:", LEAD),
        ("牵头部门：", LEAD),
        ("主办单位：", LEAD),
        ("配合：", SUPPORT),
        ("配合:", SUPPORT),
        ("配合单位：", SUPPORT),
        ("配合部门：", SUPPORT),
        ("协同单位：", SUPPORT),
        ("参与单位：", SUPPORT),
        ("责任单位：", None),
        ("责任部门：", None),
        ("牵头单位： ", LEAD),
    ],
)
def test_each_label(label, role):
    assert split_units(f"{label}区发改委、区经信委") == [
        UnitMention("区发改委", role),
        UnitMention("区经信委", role),
    ]


def test_labels_switch_roles_until_the_next_label():
    assert split_units("牵头：区发改委；配合：区经信委、区财政局") == [
        UnitMention("区发改委", LEAD),
        UnitMention("区经信委", SUPPORT),
        UnitMention("区财政局", SUPPORT),
    ]
    assert split_units("牵头单位：区发改委\n配合单位：区经信委，区财政局") == [
        UnitMention("区发改委", LEAD),
        UnitMention("区经信委", SUPPORT),
        UnitMention("区财政局", SUPPORT),
    ]
    assert split_units("牵头单位：区发改委 配合单位：区经信委") == [
        UnitMention("区发改委", LEAD),
        UnitMention("区经信委", SUPPORT),
    ]
    # names before any label have no role
    assert split_units("区生态环境局；配合：区经信委") == [
        UnitMention("区生态环境局", None),
        UnitMention("区经信委", SUPPORT),
    ]


@pytest.mark.parametrize(
    ("note", "role"),
    [
        ("（牵头）", LEAD),
        ("(牵头)", LEAD),
        ("（牵头单位）", LEAD),
        ("【牵头】", LEAD),
        ("（ 牵头 ）", LEAD),
        ("（配合）", SUPPORT),
        ("(配合)", SUPPORT),
        ("（配合单位）", SUPPORT),
    ],
)
def test_role_notes(note, role):
    assert split_units(f"区发改委{note}、区经信委") == [
        UnitMention("区发改委", role),
        UnitMention("区经信委", None),
    ]


def test_role_note_beats_label():
    assert split_units("配合：区经信委（牵头）、区财政局") == [
        UnitMention("区经信委", LEAD),
        UnitMention("区财政局", SUPPORT),
    ]


def test_role_words_without_brackets():
    assert split_units("区发改委牵头，区经信委配合") == [
        UnitMention("区发改委", LEAD),
        UnitMention("区经信委", SUPPORT),
    ]
    assert split_units("区发改委 牵头，区经信委 配合") == [
        UnitMention("区发改委", LEAD),
        UnitMention("区经信委", SUPPORT),
    ]
    assert split_units("区发改委 （牵头）") == [UnitMention("区发改委", LEAD)]


@pytest.mark.parametrize(
    "note",
    [
        "（按职责分工负责）",
        "(按职责分工负责)",
        "(按职责分工)",
        "（按职责分工）",
        "（排第一位的为牵头单位）",
        "（按职责分工，排第一位的为牵头单位）",  # a separator inside the note
        "（各自按职责分工负责；）",
        "[按职责]",
        "（按（各自）职责）",  # nested
    ],
)
def test_other_notes_removed(note):
    assert split_units(f"区发改委、区经信委{note}") == [UnitMention("区发改委"), UnitMention("区经信委")]
    assert split_units(f"{note}区发改委、区经信委") == [UnitMention("区发改委"), UnitMention("区经信委")]
    assert split_units(f"区发改委、区经信委、{note}") == [UnitMention("区发改委"), UnitMention("区经信委")]


@pytest.mark.parametrize("spelling", ["各乡镇（街道）", "各乡镇(街道)", "各乡镇（街道)", "各乡镇 （街道）"])
def test_bracket_names_kept_whole(spelling):
    assert split_units(f"区农委、{spelling}", BRACKETS) == [
        UnitMention("区农委"),
        UnitMention("各乡镇（街道）"),
    ]
    assert split_units(f"{spelling}、区农委", BRACKETS) == [
        UnitMention("各乡镇（街道）"),
        UnitMention("区农委"),
    ]


def test_bracket_names_given_half_width():
    assert names("各乡镇（街道）", ["各乡镇(街道)"]) == ["各乡镇(街道)"]


def test_bracket_name_with_role_note():
    assert split_units("各乡镇（街道）（牵头）", BRACKETS) == [UnitMention("各乡镇（街道）", LEAD)]
    assert split_units("配合：各乡镇（街道）", BRACKETS) == [UnitMention("各乡镇（街道）", SUPPORT)]


def test_without_bracket_names_the_bracket_is_a_note():
    assert names("区农委、各乡镇（街道）", []) == ["区农委", "各乡镇"]


def test_longest_bracket_name_first():
    known = ["各乡镇（街道）", "各乡镇（街道）办事处"]
    assert names("各乡镇（街道）办事处、各乡镇（街道）", known) == ["各乡镇（街道）办事处", "各乡镇（街道）"]


def test_names_without_brackets_in_bracket_names_are_ignored():
    assert names("区发改委、区经信委", ["区发改委"]) == ["区发改委", "区经信委"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("区发改委、区经信委等", ["区发改委", "区经信委"]),
        ("区发改委、区经信委等单位", ["区发改委", "区经信委"]),
        ("区发改委、区经信委等部门", ["区发改委", "区经信委"]),
        ("区发改委、区经信委等有关部门", ["区发改委", "区经信委"]),
        ("区发改委等", ["区发改委"]),
        ("区发改委、区经信委 等", ["区发改委", "区经信委"]),
        ("牵头：区发改委等；配合：区财政局", ["区发改委", "区财政局"]),
    ],
)
def test_etc_dropped(cell, expected):
    assert names(cell) == expected


def test_duplicates_removed_keeping_the_first():
    assert split_units("区发改委、区经信委、区发改委") == [UnitMention("区发改委"), UnitMention("区经信委")]
    assert split_units("牵头：区发改委；配合：区发改委、区财政局") == [
        UnitMention("区发改委", LEAD),
        UnitMention("区财政局", SUPPORT),
    ]
    # full-width and spacing variants are the same name
    assert names("区发改委、区发改委\u3000") == ["区发改委"]
    assert names("各乡镇（街道）、各乡镇(街道)") == ["各乡镇（街道）"]
    assert names("ＡＢＣ公司、ABC公司") == ["ＡＢＣ公司"]


def test_empty_pieces_dropped_and_order_kept():
    assert names("、、区财政局，，区发改委；；\n\n区经信委、") == ["区财政局", "区发改委", "区经信委"]


def test_sample_cells():
    # from ../shared/samples/sample_分工表.xlsx
    assert names("区发改委、区经济信息委") == ["区发改委", "区经济信息委"]
    assert names("区卫健委\n区农委") == ["区卫健委", "区农委"]
    assert names("区农委、各乡镇（街道）") == ["区农委", "各乡镇（街道）"]
    assert names("区经信委、经信委") == ["区经信委", "经信委"]


def test_non_string_cell():
    assert names(12) == ["12"]


NAME = st.text(alphabet=st.sampled_from(list("区县发改委经信财政局农业村生态环境")), min_size=2, max_size=8)


@given(st.lists(NAME, min_size=1, max_size=6), st.sampled_from(["、", "，", ";", "/", "\n", " "]))
def test_joined_names_split_back(parts, separator):
    expected = list(dict.fromkeys(parts))
    assert names(separator.join(parts)) == expected


@given(st.text())
def test_never_raises(cell):
    for mention in split_units(cell, BRACKETS):
        assert mention.name
        assert mention.name == mention.name.strip()
        assert mention.role in (LEAD, SUPPORT, None)
